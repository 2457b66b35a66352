import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { LIMITS } from '../../functions/lib/limits.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import type { Dataset } from '../../solver/index.js';
import { DATASET_LIMITS } from '../../solver/validate.js';
import { apiClient } from './helpers/api.js';
import { DYNAMODB_ITEM_LIMIT_BYTES, itemBytes } from './helpers/item-size.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * The worst case of every kind of stored item stays under DynamoDB's 400 KB:
 * a plan whose every text is at its limit in four-byte characters (names, ids,
 * currency, the 16-letter province, ten phases), taken through the whole cycle
 * over HTTP (submit, revise, report, re-plan, review with the longest comment,
 * a scheduled tick), with the longest Idempotency-Keys; then every item in the
 * table is measured as DynamoDB counts it.
 */
const WIDE = '🚗';
const PROVINCE = 'ABCDEFGHIJKLMNOP';

/** Pads a text with four-byte characters to `chars` code points, keeping it distinct. */
const padTo = (text: string, chars: number) => text + WIDE.repeat(chars - [...text].length);

/** A generated province with every id, name and label at its maximum length. */
function atEveryLimit(): Dataset {
  const dataset = generateProvince({ seed: 7, sites: 300, phases: 10, province: 'GD', budget: 'none' });
  const id = (value: string) => padTo(value, DATASET_LIMITS.idChars);
  const name = (value: string) => padTo(value, DATASET_LIMITS.nameChars);
  return {
    ...dataset,
    province: PROVINCE,
    name: name('全省'),
    currency: padTo('CNY', DATASET_LIMITS.currencyChars),
    phases: dataset.phases.map((phase) => ({ ...phase, id: id(phase.id) })),
    regions: dataset.regions.map((region) => ({ ...region, id: id(region.id), name: name(region.name ?? region.id) })),
    corridors: dataset.corridors.map((corridor) => ({ ...corridor, id: id(corridor.id), name: name(corridor.name ?? corridor.id) })),
    serviceAreas: dataset.serviceAreas.map((area) => ({
      ...area,
      id: id(area.id),
      name: name(area.name ?? area.id),
      corridor: id(area.corridor),
      region: id(area.region),
      ...(area.requiredBy === undefined ? {} : { requiredBy: id(area.requiredBy) }),
    })),
    traffic: dataset.traffic.map((stretch) => ({ ...stretch, corridor: id(stretch.corridor) })),
  };
}

let store: DynamoServer;
let local: LocalServer;
let api: ReturnType<typeof apiClient>;
let dataDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  store = await startDynalite();
  dataDir = mkdtempSync(join(tmpdir(), 'planner-item-sizes-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {}, dynamoEndpoint: store.endpoint, tableName: 'sizes' });
  api = apiClient(local);
});

afterAll(async () => {
  await local?.close();
  await store?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function scanAll(): Promise<Record<string, AttributeValue>[]> {
  const client = new DynamoDBClient({ endpoint: store.endpoint });
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: 'sizes', ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  client.destroy();
  return items;
}

/** The kind of an item, from its sort key: PLAN, VERSION, DATASET, REVIEW, V (plan parts), IDEM, ... */
const kindOf = (item: Record<string, AttributeValue>) => {
  const sk = item.sk?.S ?? '';
  const part = /^V#\d+#(\w+)#/.exec(sk);
  return part ? `plan ${part[1]}` : sk.split('#')[0]!;
};

describe('stored item sizes', () => {
  it('keeps the largest item of every kind under 400 KB when every text is at its limit', async () => {
    const dataset = atEveryLimit();
    const key = (label: string) => padTo(label, 128).replace(/🚗/g, 'k');
    const as = PROVINCE;
    // Writers with the longest subject a token may carry, stored with each revision, report and review.
    // The reviewer is another person of the same length (the review rule: nobody reviews what they submitted).
    const longest = (groups: string[]) => `Bearer ${local.token(groups, (groups.includes('reviewer') ? '审' : '名').repeat(LIMITS.subjectChars))}`;
    const province = longest([`province-${PROVINCE}`]);

    const submitted = await api('POST', '/v1/plans', { as, body: dataset, headers: { 'idempotency-key': key('submit'), authorization: province } });
    expect(submitted.status).toBe(202);
    const planId = submitted.json.planId as string;
    await local.queue.idle();
    const first = await api('GET', `/v1/plans/${planId}/sites?format=json`, { as });
    expect(first.status).toBe(200);
    const firstPhase = dataset.phases[0]!.id;
    const built = (first.json.sites as { id: string; buildPhase: string | null; piles: Record<string, number> }[]).filter((site) => site.buildPhase === firstPhase);
    const revised = await api('PUT', `/v1/plans/${planId}/dataset`, { as, body: { ...dataset, name: padTo('修订', DATASET_LIMITS.nameChars) }, headers: { 'idempotency-key': key('revise'), authorization: province } });
    const report = {
      asOf: `${dataset.phases[2]!.year}-12-31`,
      sites: built.map((site) => ({ id: site.id, piles: site.piles[firstPhase]!, coveredSince: firstPhase })),
      spent: Object.fromEntries(dataset.phases.slice(0, 3).map((phase) => [phase.id, 1e12])),
    };
    const reported = await api('POST', `/v1/plans/${planId}/progress`, { as, body: report, headers: { 'idempotency-key': key('report'), authorization: province } });
    const replanned = await api('POST', `/v1/plans/${planId}/regenerate`, { as, body: { asOf: `${dataset.phases[3]!.year}-01-15` }, headers: { 'idempotency-key': key('replan') } });
    await local.queue.idle();
    const reviewed = await api('POST', `/v1/plans/${planId}/versions/2/review`, {
      as: 'reviewer',
      // The comment's limit counts UTF-16 units: three-byte characters make its largest UTF-8 form.
      body: { decision: 'request-changes', comment: '名'.repeat(LIMITS.reviewCommentChars) },
      headers: { 'idempotency-key': key('review'), authorization: longest(['reviewer']) },
    });
    const tick = await local.tick('T'.repeat(64));
    await local.queue.idle();

    expect([revised.status, reported.status, replanned.status, reviewed.status]).toEqual([201, 201, 202, 200]);
    expect(built.length).toBeGreaterThan(0);
    expect(tick.new).toBe(1);
    const largest = new Map<string, number>();
    for (const item of await scanAll()) {
      const kind = kindOf(item);
      largest.set(kind, Math.max(largest.get(kind) ?? 0, itemBytes(item)));
    }
    // Every kind the layout describes was written, so none escaped measurement.
    expect([...largest.keys()].sort()).toEqual(
      ['DATASET', 'IDEM', 'PLAN', 'PROVINCE', 'REPORT', 'REPORTDATA', 'REVIEW', 'REVISION', 'VERSION', 'plan NOTES', 'plan PHASE', 'plan SITE', 'plan TOP'].sort(),
    );
    for (const [kind, bytes] of largest) expect(bytes, `largest ${kind} item`).toBeLessThan(DYNAMODB_ITEM_LIMIT_BYTES);
    // The data set filled whole parts: the part size, not the data, bounds those items.
    expect(largest.get('DATASET')).toBeGreaterThan(90_000);
  });
});
