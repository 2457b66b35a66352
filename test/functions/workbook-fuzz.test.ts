import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueJob } from '../../functions/lib/queue.js';
import type { PlanRepository } from '../../functions/lib/repository.js';
import { makeHandler as makeSubmit } from '../../functions/submit-plan.js';
import { datasetToWorkbook, XLSX_MEDIA_TYPE } from '../../solver/formats/index.js';
import { readZip, writeStoredZip } from '../formats/zip-helpers.js';
import { tinyDataset } from './helpers/data.js';
import { freshRepository, httpEvent, lambdaContext, storedPlanIds, type HttpHandler } from './helpers/lambda.js';
import type { DynamoServer } from './helpers/servers.js';

/*
 * Fuzzes workbook uploads to POST /v1/plans by calling the handler built from its dependencies
 * (thousands of cases, no HTTP) against a real dynalite; SQS cannot exist here,
 * so a recording queue takes the jobs. The mutations: byte flips in the
 * compressed file and in an uncompressed copy (so they land in the XML),
 * truncations, changed ZIP directory fields, and cells rewritten with values
 * of every type a sheet can hold. Properties: never a 5xx, never a stack
 * trace, and a plan stored (with its job) for accepted uploads only.
 */

let server: DynamoServer;
let tableName: string;
let handler: HttpHandler;
const jobs: QueueJob[] = [];
let deflated: Buffer;
let stored: Buffer;

beforeAll(async () => {
  let repo: PlanRepository;
  ({ repo, server, tableName } = await freshRepository('xlsx-fuzz'));
  // Built from a real repository and a recording queue (SQS cannot exist here).
  handler = makeSubmit({ repo, queue: { send: async (job) => void jobs.push(job) } }) as unknown as HttpHandler;
  deflated = await datasetToWorkbook(tinyDataset());
  stored = writeStoredZip(readZip(deflated));
});

afterAll(async () => {
  await server?.stop();
});


const flips = fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 });
const flipped = (source: () => Buffer) =>
  flips.map((changes) => {
    const copy = Buffer.from(source());
    for (const { at, value } of changes) copy[at % copy.length] = value;
    return copy;
  });

/** A cell element as a sheet may hold it: every type, odd values, formulas with and without a saved value. */
const cellXml = fc.oneof(
  fc.double().map((n) => `<v>${n}</v>`),
  fc.string({ maxLength: 20 }).map((text) => ` t="inlineStr"><is><t>${text.replace(/[<&]/g, '')}</t></is>`),
  fc.string({ maxLength: 20 }).map((text) => ` t="str"><v>${text.replace(/[<&]/g, '')}</v>`),
  fc.integer({ min: -5, max: 100_000 }).map((index) => ` t="s"><v>${index}</v>`),
  fc.constantFrom(' t="b"><v>1</v>', ' t="e"><v>#REF!</v>', ' t="d"><v>2024-02-30</v>', '><f>A1*2</f>', '><f>SUM(A:A)</f><v>3</v>', '><v>1e999</v>', ' t="n"><v>abc</v>', '/', '><v></v>'),
);
const cellMutation = fc.record({ pick: fc.nat(), xml: cellXml }).map(({ pick, xml }) => {
  const entries = readZip(stored);
  const sheets = entries.filter((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name));
  const sheet = sheets[pick % sheets.length]!;
  const text = sheet.data.toString('utf8');
  const cells = [...text.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(\/>|>[\s\S]*?<\/c>)/g)];
  if (cells.length === 0) return stored;
  const cell = cells[Math.floor(pick / sheets.length) % cells.length]!;
  const replacement = xml === '/' ? `<c r="${cell[1]}"/>` : `<c r="${cell[1]}"${xml}</c>`;
  sheet.data = Buffer.from(text.slice(0, cell.index) + replacement + text.slice(cell.index! + cell[0].length), 'utf8');
  return writeStoredZip(entries);
});

/** Central directory fields (sizes, offsets, counts, flags, method) set to arbitrary values. */
const zipMutation = fc.record({ field: fc.constantFrom(8, 10, 20, 24, 28, 42), entry: fc.nat(), value: fc.nat({ max: 0xffffffff }), fromDeflated: fc.boolean() }).map(({ field, entry, value, fromDeflated }) => {
  const copy = Buffer.from(fromDeflated ? deflated : stored);
  const starts: number[] = [];
  for (let at = copy.indexOf('PK\x01\x02'); at >= 0; at = copy.indexOf('PK\x01\x02', at + 4)) starts.push(at);
  const start = starts[entry % starts.length]!;
  if (field === 20 || field === 24 || field === 42) copy.writeUInt32LE(value, start + field);
  else copy.writeUInt16LE(value & 0xffff, start + field);
  return copy;
});

const files = fc.oneof(
  { weight: 3, arbitrary: flipped(() => deflated) },
  { weight: 3, arbitrary: flipped(() => stored) },
  { weight: 1, arbitrary: fc.nat().map((cut) => deflated.subarray(0, cut % deflated.length)) },
  { weight: 1, arbitrary: fc.nat().map((cut) => stored.subarray(0, cut % stored.length)) },
  { weight: 2, arbitrary: zipMutation },
  { weight: 4, arbitrary: cellMutation },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)) },
);

describe('workbook uploads under fuzzing', () => {
  it('never answer 5xx or with a stack trace, and store a plan and a job for accepted uploads only', async () => {
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(files, async (file) => {
        const response = await handler(
          httpEvent({
            method: 'POST',
            route: '/v1/plans',
            headers: { 'content-type': XLSX_MEDIA_TYPE, 'idempotency-key': randomUUID() },
            body: file,
            groups: '[province-GD]',
            subject: 'fuzz',
          }),
          lambdaContext(29_000, 'submit-plan'),
        );

        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).not.toMatch(/\n\s+at /);
        const parsed = JSON.parse(response.body ?? '') as { planId?: string; error?: { message: string } };
        if (response.statusCode === 202) accepted.add(parsed.planId!);
        else expect(parsed.error?.message).toEqual(expect.any(String));
      }),
      { numRuns: 3000, seed: 20261201 },
    );

    const kept = await storedPlanIds(server.endpoint, tableName);

    // The mix, so a fuzzer that only ever hits one branch is noticed.
    expect(statuses.get(202) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(1000);
    expect([...kept].sort()).toEqual([...accepted].sort());
    expect(new Set(jobs.map((job) => job.planId))).toEqual(accepted);
  }, 900_000);
});
