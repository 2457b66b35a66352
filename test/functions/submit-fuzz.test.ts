import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGroups } from '../../functions/lib/auth.js';
import type { JwtClaimValue } from '../../functions/lib/lambda-types.js';
import type { QueueJob } from '../../functions/lib/queue.js';
import type { PlanRepository } from '../../functions/lib/repository.js';
import { makeHandler as makeSubmit } from '../../functions/submit-plan.js';
import { tinyDataset } from './helpers/data.js';
import { mutate, paths } from './helpers/mutations.js';
import { freshRepository, httpEvent, lambdaContext, storedPlanIds, type HttpHandler } from './helpers/lambda.js';
import type { DynamoServer } from './helpers/servers.js';

/*
 * Fuzzes POST /v1/plans by calling the handler built from its dependencies (thousands
 * of cases, no HTTP), against a real dynalite. SQS cannot exist here: a
 * recording queue takes the jobs. Properties: never a 5xx; a rejected
 * request stores nothing; every accepted one stores a plan and one job.
 */

let server: DynamoServer;
let tableName: string;
let handler: HttpHandler;
const jobs: QueueJob[] = [];

beforeAll(async () => {
  let repo: PlanRepository;
  ({ repo, server, tableName } = await freshRepository('fuzz'));
  // Built from a real repository and a recording queue (SQS cannot exist here).
  handler = makeSubmit({ repo, queue: { send: async (job) => void jobs.push(job) } }) as unknown as HttpHandler;
});

afterAll(async () => {
  await server?.stop();
});


const base = tinyDataset();
const basePaths = paths(base);

const bodies = fc.oneof(
  { weight: 4, arbitrary: fc.record({ path: fc.constantFrom(...basePaths), action: fc.constantFrom('set' as const, 'delete' as const), value: fc.jsonValue() }).map(({ path, action, value }) => JSON.stringify(mutate(base, path, action, value))) },
  { weight: 1, arbitrary: fc.record({ path: fc.constantFrom(...basePaths), value: fc.anything() }).map(({ path, value }) => {
    try {
      return JSON.stringify(mutate(base, path, 'set', value)) ?? '';
    } catch {
      return '{}';
    }
  }) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.constantFrom(JSON.stringify(base), JSON.stringify({ ...base, extra: 1 }), '', '[]', 'null', '{"province":"GD"', '\u0000') },
);

const groupsClaims = fc.oneof(
  { weight: 6, arbitrary: fc.constant<JwtClaimValue>('[province-GD]') },
  { weight: 1, arbitrary: fc.constantFrom<JwtClaimValue | undefined>(undefined, '[reviewer]', '[province-ZJ]', ['province-GD'], '["province-GD"]', '', '[', 'province-GD,reviewer') },
  { weight: 1, arbitrary: fc.oneof(fc.string(), fc.array(fc.string())) as fc.Arbitrary<JwtClaimValue> },
);

const headerSets = fc.record({
  key: fc.oneof({ weight: 5, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }, { weight: 1, arbitrary: fc.constant(undefined) }),
  contentType: fc.constantFrom(undefined, 'application/json', 'application/json; charset=utf-8', 'text/csv', 'application/vnd.api+json', ''),
});

describe('POST /v1/plans under fuzzing', () => {
  it('never answers 5xx, and stores a plan and a job for accepted requests only', async () => {
    const accepted = new Set<string>();
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(bodies, groupsClaims, headerSets, async (body, groups, { key, contentType }) => {
        const headers: Record<string, string> = {};
        if (key !== undefined) headers['idempotency-key'] = key;
        if (contentType !== undefined) headers['content-type'] = contentType;

        const response = await handler(
          httpEvent({ method: 'POST', route: '/v1/plans', headers, ...(body === undefined ? {} : { body }), ...(groups === undefined ? {} : { groups }) }),
          lambdaContext(29_000, 'submit-plan'),
        );

        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode).toBeLessThan(500);
        const parsed = JSON.parse(response.body ?? '') as { planId?: string; error?: { message: string } };
        if (response.statusCode === 202) accepted.add(parsed.planId!);
        else expect(parsed.error?.message).toEqual(expect.any(String));
        expect(response.body).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 2500, seed: 20241127 },
    );

    const stored = await storedPlanIds(server.endpoint, tableName);

    // Show the mix so a fuzzer that only ever hits one branch is noticed.
    expect(statuses.get(202) ?? 0).toBeGreaterThan(50);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    expect([...stored].sort()).toEqual([...accepted].sort());
    expect(new Set(jobs.map((job) => job.planId))).toEqual(accepted);
  });
});

describe('group claims', () => {
  it('reads Cognito groups in every form the authorizer passes them', () => {
    expect(parseGroups(['province-GD', 'reviewer'])).toEqual(['province-GD', 'reviewer']);
    expect(parseGroups('[province-GD reviewer]')).toEqual(['province-GD', 'reviewer']);
    expect(parseGroups('["province-GD","reviewer"]')).toEqual(['province-GD', 'reviewer']);
    expect(parseGroups('province-GD')).toEqual(['province-GD']);
    expect(parseGroups(undefined)).toEqual([]);
  });
});
