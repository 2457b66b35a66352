import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, ensureTable } from '../../functions/lib/dynamo.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from '../../functions/lib/lambda-types.js';
import { createRepository, type PlanRepository } from '../../functions/lib/repository.js';
import { makeHandler as makeReportProgress } from '../../functions/report-progress.js';
import { makeHandler as makeReviseDataset } from '../../functions/revise-dataset.js';
import { tinyDataset } from './helpers/data.js';
import { httpEvent } from './helpers/lambda.js';
import { bodiesAround } from './helpers/mutations.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * Fuzzes the two routes that store planning-cycle inputs, PUT .../dataset and
 * POST .../progress, by calling their handlers built from a real repository on
 * dynalite (no HTTP, thousands of cases). Properties: never a 5xx or a stack
 * trace; a 400 names every problem by JSON path; a rejected request stores
 * nothing; an accepted one stores exactly one revision or report.
 */
type Handler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;

let server: DynamoServer;
let repo: PlanRepository;
let planId: string;
const base = tinyDataset();

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  server = await startDynalite();
  const tableName = `cycle-fuzz-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint: server.endpoint });
  await ensureTable(raw, tableName);
  raw.destroy();
  repo = createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName });
  planId = randomUUID();
  const ref = await repo.putDataset(planId, base);
  await repo.createPlan({ planId, province: base.province, name: base.name, dataset: ref, now: new Date().toISOString(), phases: base.phases });
});

afterAll(async () => {
  await server?.stop();
});

function event(method: 'PUT' | 'POST', route: string, body: string, key: string | undefined): HttpApiEvent {
  return httpEvent({
    method,
    route: `/v1/plans/{planId}/${route}`,
    pathParameters: { planId },
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body,
    groups: '[province-GD]',
    subject: 'fuzz',
  });
}

const context = (): LambdaContext => ({ awsRequestId: randomUUID(), functionName: 'fuzz', getRemainingTimeInMillis: () => 29_000 });

async function count(prefix: string): Promise<number> {
  if (prefix === 'REVISION#') return (await repo.getPlan(planId))?.latestRevision ?? 0;
  return (await repo.listReports(planId)).length;
}

async function fuzz(handler: Handler, method: 'PUT' | 'POST', route: string, bodies: fc.Arbitrary<string>, stored: string, runs: number) {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(bodies, fc.option(fc.uuid(), { freq: 10 }), async (body, key) => {
      const before = await count(stored);

      const response = await handler(event(method, route, body, key ?? undefined), context());

      const after = await count(stored);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.body).not.toMatch(/\n\s+at /);
      if (response.statusCode === 201) {
        expect(after).toBe(before + 1);
      } else {
        expect(after).toBe(before);
        const problem = JSON.parse(response.body ?? '') as { error: { message: string; issues?: { path: string; message: string }[] } };
        expect(problem.error.message).toEqual(expect.any(String));
        if (response.statusCode === 400) {
          expect(problem.error.issues?.length).toBeGreaterThan(0);
          for (const issue of problem.error.issues ?? []) expect(typeof issue.path).toBe('string');
        }
      }
    }),
    { numRuns: runs, seed: 20261201 },
  );
  // Show the mix, so a fuzzer that only ever hits one branch is noticed.
  expect(statuses.get(201) ?? 0).toBeGreaterThan(runs / 50);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(runs / 3);
}

describe('planning-cycle inputs under fuzzing', () => {
  it('PUT /v1/plans/{planId}/dataset never answers 5xx and stores a revision for accepted requests only', async () => {
    const handler = makeReviseDataset({ repo }) as unknown as Handler;
    await fuzz(handler, 'PUT', 'dataset', bodiesAround(base, [-1, 1e308, 'XX', null, [], {}, '', 'x'.repeat(300)]), 'REVISION#', 1500);
  });

  it('POST /v1/plans/{planId}/progress never answers 5xx and stores a report for accepted requests only', async () => {
    const handler = makeReportProgress({ repo }) as unknown as Handler;
    const report = {
      asOf: '2024-12-31',
      sites: [
        { id: 'G4-010', piles: 4, coveredSince: '2023' },
        { id: 'G4-045', piles: 6, coveredSince: '2024' },
      ],
      spent: { '2023': 3_000_000, '2024': 1_500_000 },
    };
    const special = ['G4-190', 'G4-999', '2025', '2024-02-30', '2022-12-31', 0, 1, 2, 12, 13, 2.5, -1, null, 'x'.repeat(300)];
    await fuzz(handler, 'POST', 'progress', bodiesAround(report, special), 'REPORT#', 1000);
  });
});
