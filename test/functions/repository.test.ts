import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, ensureTable } from '../../functions/lib/dynamo.js';
import { planPk, revisionSk } from '../../functions/lib/item-keys.js';
import { ConcurrentUpdateError, ValidationFailedError } from '../../functions/lib/errors.js';
import { createRepository, type PlanRepository } from '../../functions/lib/repository.js';
import type { Plan } from '../../solver/index.js';
import { msg } from '../../solver/messages.js';
import { largeDataset, syntheticPlan, tinyDataset } from './helpers/data.js';
import { SERVERS, type DynamoServer } from './helpers/servers.js';

/** Bytes of an item as DynamoDB counts them: attribute names plus values (close enough for a bound). */
function itemBytes(item: Record<string, unknown>): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) {
    total += Buffer.byteLength(name);
    const attribute = value as { S?: string; B?: Uint8Array; N?: string };
    if (attribute.B !== undefined) total += attribute.B.length;
    else total += Buffer.byteLength(JSON.stringify(attribute));
  }
  return total;
}

describe.each(SERVERS)('plan repository on $name', ({ start }) => {
  let server: DynamoServer;
  let raw: DynamoDBClient;
  let repo: PlanRepository;
  let bulkRepo: PlanRepository;
  const tableName = `plans-${randomUUID()}`;
  const now = () => new Date().toISOString();

  beforeAll(async () => {
    server = await start();
    raw = new DynamoDBClient({ endpoint: server.endpoint });
    await ensureTable(raw, tableName);
    // A small page size makes every multi-item read cross page boundaries.
    repo = createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName, queryPageSize: 7 });
    // Production page size for the 5,000-site cases: 700 round trips of 7 items would only measure latency.
    bulkRepo = createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName });
  });

  afterAll(async () => {
    raw?.destroy();
    await server?.stop();
  });

  async function newPlan(province = 'GD', dataset = tinyDataset({ province })) {
    const planId = randomUUID();
    const ref = await repo.putDataset(planId, dataset);
    const header = await repo.createPlan({ planId, province, name: dataset.name, dataset: ref, now: now() });
    return { planId, ref, header, dataset };
  }

  async function itemsOf(planId: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await raw.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `PLAN#${planId}` } },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey as typeof start;
    } while (start !== undefined);
    return items;
  }

  it('stores a 5,000-site data set in parts far below the item limit and reads it back unchanged', async () => {
    const dataset = largeDataset(5000);
    const { planId, ref } = await newPlan(dataset.province, dataset);

    const items = await itemsOf(planId);
    const largest = Math.max(...items.map(itemBytes));
    const loaded = await repo.loadDataset(planId, ref);

    expect(ref.datasetParts).toBeGreaterThan(5);
    expect(items.filter((item) => (item.sk as { S: string }).S.startsWith('DATASET#'))).toHaveLength(ref.datasetParts);
    expect(largest).toBeLessThan(150 * 1024);
    expect(loaded).toEqual(dataset);
  });

  it('stores a 5,000-site progress report, a revision and a re-plan\'s slipped list below the item limit, and reads them back unchanged', async () => {
    const dataset = largeDataset(5000);
    const { planId } = await newPlan(dataset.province, dataset);
    const report = {
      asOf: '2025-12-31',
      sites: dataset.serviceAreas.map((area) => ({ id: area.id, piles: 4, coveredSince: dataset.phases[0]!.id })),
      spent: Object.fromEntries(dataset.phases.map((phase) => [phase.id, 1_000_000])),
    };

    const stored = await repo.putReport({ planId, reportId: '20260101T000000000Z-abcdef12', asOf: report.asOf, receivedAt: now(), receivedBy: 'tester', report });
    const ref = await repo.putDataset(planId, { ...dataset, name: 'revised' });
    const revision = await repo.addRevision({ planId, expectedLatest: 1, ...ref, phases: dataset.phases.map(({ id, year }) => ({ id, year })), submittedBy: 'tester', submittedAt: now(), idemKey: 'k' });
    const items = await itemsOf(planId);
    const largest = Math.max(...items.map(itemBytes));
    const loaded = await repo.loadReport(stored);

    expect(stored.parts).toBeGreaterThan(1);
    expect(loaded).toEqual(report);
    expect(revision?.revision).toBe(2);
    expect((await repo.getPlan(planId))?.latestRevision).toBe(2);
    expect(largest).toBeLessThan(150 * 1024);
  });

  it('commits a revision claimed by a process killed before its commit, so it blocks no later revision', async () => {
    const dataset = tinyDataset();
    const { planId } = await newPlan(dataset.province, dataset);
    const ref = await repo.putDataset(planId, { ...dataset, name: 'orphan' });
    const fields = { planId, ...ref, phases: dataset.phases.map(({ id, year }) => ({ id, year })), submittedBy: 'tester', submittedAt: now() };
    // The first of addRevision's two writes, as a killed process leaves it: revision 2 claimed, the header still at 1.
    await createDocumentClient({ endpoint: server.endpoint }).send(
      new PutCommand({ TableName: tableName, Item: { pk: planPk(planId), sk: revisionSk(2), type: 'revision', ...fields, revision: 2, idemKey: 'killed' } }),
    );

    expect(await repo.addRevision({ ...fields, expectedLatest: 1, idemKey: 'next' })).toBeUndefined();
    expect((await repo.getPlan(planId))?.latestRevision).toBe(2);
    expect((await repo.addRevision({ ...fields, expectedLatest: 2, idemKey: 'next' }))?.revision).toBe(3);
    // The killed request's retry finds its revision, committed.
    expect((await repo.findRevisionByKey(planId, 'killed'))?.revision).toBe(2);
  });

  it('stores a 5,000-site plan as per-site items and rebuilds it exactly', async () => {
    const dataset = largeDataset(5000);
    const planId = randomUUID();
    const ref = await bulkRepo.putDataset(planId, dataset);
    await bulkRepo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: now() });
    const plan = syntheticPlan(dataset);
    const lease = await bulkRepo.startSolving({ planId, version: 1, leaseId: 'lease-a', leaseUntil: Date.now() + 60_000, now: now() });
    expect(lease?.status).toBe('solving');

    await bulkRepo.storeResult({ planId, version: 1, leaseId: 'lease-a', plan, status: 'optimal', now: now() });
    const record = await bulkRepo.getVersion(planId, 1);
    const loaded = await bulkRepo.loadPlan(record!);
    const summary = await bulkRepo.loadSummary(record!);
    const siteItems = (await itemsOf(planId)).filter((item) => (item.sk as { S: string }).S.includes('#SITE#'));

    expect(record?.status).toBe('optimal');
    expect(loaded).toEqual(plan);
    expect(summary.phases).toEqual(plan.phases);
    expect(summary.warnings).toEqual(plan.warnings);
    expect(siteItems).toHaveLength(5000);
    expect((await bulkRepo.getPlan(planId))?.latestStatus).toBe('optimal');
  });

  it("stores a 5,000-site infeasible plan's remedies with their plans' sites apart, below the item limit: the summary reads none of them, the plan is rebuilt byte for byte", async () => {
    const dataset = largeDataset(5000);
    const planId = randomUUID();
    const ref = await bulkRepo.putDataset(planId, dataset);
    await bulkRepo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: now() });
    const remedyPlan = { ...syntheticPlan(dataset), stats: { ms: 5, engine: 'highs-remedy', columns: 42, rows: 17 } };
    const plan: Plan = {
      ...syntheticPlan(dataset, 'infeasible'),
      diagnosis: ['phase 2025 needs at least 1.19e8 but its budget is 1.15e8'],
      remedies: {
        withinBudget: { rulesMet: 61, rulesTotal: 64, shortfall: 3, unmet: [{ rule: 'coverage', region: dataset.regions[0]!.id, phase: dataset.phases[0]!.id, covered: 1, required: 2 }], plan: remedyPlan },
        extraBudget: { total: 4_200_000, byPhase: { [dataset.phases[0]!.id]: 4_200_000 }, dropped: [], plan: { ...remedyPlan, objective: 2 } },
        newSites: [{ corridor: dataset.corridors[0]!.id, fromKm: 15, toKm: 217.7, maxGapKm: 100, phase: dataset.phases[0]!.id, count: 2, atKm: [82.6, 150.1], between: ['三角元服务区', null] }],
      },
    };
    await bulkRepo.startSolving({ planId, version: 1, leaseId: 'lease-r', leaseUntil: Date.now() + 60_000, now: now() });

    await bulkRepo.storeResult({ planId, version: 1, leaseId: 'lease-r', plan, status: 'infeasible', now: now() });
    const record = (await bulkRepo.getVersion(planId, 1))!;
    const loaded = await bulkRepo.loadPlan(record);
    const summary = await bulkRepo.loadSummary(record);
    const items = await itemsOf(planId);
    const sk = (item: Record<string, unknown>) => (item.sk as { S: string }).S;

    expect(JSON.stringify(loaded)).toBe(JSON.stringify(plan));
    expect(Math.max(...items.map(itemBytes))).toBeLessThan(150 * 1024);
    expect(items.filter((item) => sk(item).includes('#REMEDY#withinBudget#')).length).toBeGreaterThan(1);
    expect(items.filter((item) => sk(item).includes('#REMEDY#extraBudget#')).length).toBeGreaterThan(1);
    // The summary's top-level item holds the remedies' figures, not their 10,000 sites.
    expect(items.filter((item) => sk(item).includes('#TOP#'))).toHaveLength(1);
    const within = summary.remedies!.withinBudget;
    expect('plan' in within && within.plan.sites).toEqual([]);
    expect(summary.remedies!.extraBudget.plan.sites).toEqual([]);
    expect(summary.remedies!.extraBudget.plan.phases).toEqual(remedyPlan.phases);
    expect(summary.remedies!.newSites).toEqual(plan.remedies!.newSites);
  });

  it('rebuilds a small plan with Chinese text and null figures byte for byte', async () => {
    const { planId } = await newPlan();
    const plan = { ...syntheticPlan(tinyDataset(), 'feasible'), diagnosis: ['区域 NORTH 在 2025 年需要 3 个服务区'] };
    await repo.startSolving({ planId, version: 1, leaseId: 'l', leaseUntil: Date.now() + 60_000, now: now() });

    await repo.storeResult({ planId, version: 1, leaseId: 'l', plan, status: 'feasible', now: now() });
    const loaded = await repo.loadPlan((await repo.getVersion(planId, 1))!);

    expect(JSON.stringify(loaded)).toBe(JSON.stringify(plan));
  });

  it('lists a province\'s plans newest first across pages, and only that province\'s', async () => {
    const province = `P${randomUUID().slice(0, 6)}`;
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await newPlan(province)).planId);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await newPlan(`Q${randomUUID().slice(0, 6)}`);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repo.listPlans(province, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.planId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);

    expect(seen).toEqual([...created].reverse());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('refuses a cursor that another listing produced', async () => {
    const province = `C${randomUUID().slice(0, 6)}`;
    await newPlan(province);
    await newPlan(province);
    const page = await repo.listPlans(province, { limit: 1 });

    await expect(repo.listPlans('OTHER', { limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(repo.listPlans(province, { limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(ValidationFailedError);
  });

  it('gives exactly one of eight concurrent regenerations the new version', async () => {
    const { planId, header } = await newPlan();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => repo.addVersion({ planId, expectedLatest: header.latestVersion, trigger: 'regenerate', now: now() })),
    );
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    const after = await repo.getPlan(planId);
    const versions = await repo.listVersions(planId, after!.latestVersion, { limit: 10 });

    expect(winners).toHaveLength(1);
    expect(losers.every((loser) => loser.reason instanceof ConcurrentUpdateError)).toBe(true);
    expect(after?.latestVersion).toBe(2);
    expect(versions.items.map((version) => version.version)).toEqual([2, 1]);
  });

  it('adds a version from a stale header only after re-reading it, never overwriting a newer one', async () => {
    const { planId, header } = await newPlan();
    await repo.addVersion({ planId, expectedLatest: header.latestVersion, trigger: 'regenerate', now: now() });

    await expect(repo.addVersion({ planId, expectedLatest: header.latestVersion, trigger: 'regenerate', now: now() })).rejects.toBeInstanceOf(
      ConcurrentUpdateError,
    );
    const fresh = await repo.getPlan(planId);
    const third = await repo.addVersion({ planId, expectedLatest: fresh!.latestVersion, trigger: 'regenerate', now: now() });

    expect('version' in third && third.version.version).toBe(3);
    expect((await repo.getVersion(planId, 2))?.trigger).toBe('regenerate');
  });

  it('applies a scheduled tick to a plan once, however often the tick is retried', async () => {
    const { planId } = await newPlan();
    const tick = `tick-${randomUUID()}`;

    const first = await repo.addVersion({ planId, expectedLatest: 1, trigger: 'schedule', tick, now: now() });
    const retry = await repo.addVersion({ planId, expectedLatest: 2, trigger: 'schedule', tick, now: now() });
    const header = await repo.getPlan(planId);

    expect('version' in first).toBe(true);
    expect(retry).toEqual({ skipped: 'tick-done' });
    expect(header?.latestVersion).toBe(2);
    expect(await repo.getVersion(planId, 3)).toBeUndefined();
  });

  it('lets one solver hold a version\'s lease, and another take it over only once it lapses', async () => {
    const { planId } = await newPlan();

    const first = await repo.startSolving({ planId, version: 1, leaseId: 'a', leaseUntil: Date.now() + 200, now: now() });
    const second = await repo.startSolving({ planId, version: 1, leaseId: 'b', leaseUntil: Date.now() + 60_000, now: now() });
    await new Promise((resolve) => setTimeout(resolve, 250));
    const takeover = await repo.startSolving({ planId, version: 1, leaseId: 'c', leaseUntil: Date.now() + 60_000, now: now() });
    const lateCommit = repo.storeResult({ planId, version: 1, leaseId: 'a', plan: syntheticPlan(tinyDataset()), status: 'optimal', now: now() });

    expect(first?.attempts).toBe(1);
    expect(second).toBeUndefined();
    expect(takeover?.attempts).toBe(2);
    await expect(lateCommit).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await repo.getVersion(planId, 1))?.status).toBe('solving');
  });

  it('never starts solving a version that is already final', async () => {
    const { planId } = await newPlan();
    await repo.startSolving({ planId, version: 1, leaseId: 'a', leaseUntil: Date.now() + 60_000, now: now() });
    await repo.markFailed({ planId, version: 1, leaseId: 'a', failure: msg('failure.solverFailed'), now: now() });

    const again = await repo.startSolving({ planId, version: 1, leaseId: 'b', leaseUntil: Date.now() + 60_000, now: now() });

    expect(again).toBeUndefined();
    expect((await repo.getVersion(planId, 1))?.status).toBe('failed');
    expect((await repo.getPlan(planId))?.latestStatus).toBe('failed');
  });

  it('claims an idempotency key once and hands later claims the first plan', async () => {
    const key = randomUUID();
    const claims = await Promise.all(
      ['p1', 'p2', 'p3'].map((planId) => repo.claimIdempotencyKey({ province: 'GD', key, bodyHash: 'h', planId, now: now() })),
    );
    const otherProvince = await repo.claimIdempotencyKey({ province: 'ZJ', key, bodyHash: 'h', planId: 'p4', now: now() });

    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(new Set(claims.map((claim) => claim.planId)).size).toBe(1);
    expect(otherProvince.claimed).toBe(true);
  });

  it('creating the same plan twice (a retried submission) leaves one header and one version', async () => {
    const dataset = tinyDataset();
    const planId = randomUUID();
    const ref = await repo.putDataset(planId, dataset);

    await Promise.all([1, 2, 3].map(() => repo.createPlan({ planId, province: 'GD', name: dataset.name, dataset: ref, now: now() })));
    const items = await itemsOf(planId);

    expect(items.filter((item) => (item.sk as { S: string }).S === 'PLAN')).toHaveLength(1);
    expect(items.filter((item) => (item.sk as { S: string }).S.startsWith('VERSION#'))).toHaveLength(1);
  });

  it('names every province with its newest plan', async () => {
    const province = `N${randomUUID().slice(0, 6)}`;
    await newPlan(province);
    await new Promise((resolve) => setTimeout(resolve, 3));
    const newest = await newPlan(province);

    const provinces = await repo.listProvinces();

    expect(provinces.find((entry) => entry.province === province)?.latestPlanId).toBe(newest.planId);
  });
});
