import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, ensureTable } from '../../functions/lib/dynamo.js';
import type { LambdaContext, SqsBatchResponse, SqsEvent, SqsRecord } from '../../functions/lib/lambda-types.js';
import { createLogger } from '../../functions/lib/log.js';
import { createRepository, type PlanRepository } from '../../functions/lib/repository.js';
import { LocalQueue } from '../../functions/local/local-queue.js';
import { solvePlan, validateDataset, type Dataset } from '../../solver/index.js';
import { tinyDataset } from './helpers/data.js';
import { lambdaContext, sqsEvent } from './helpers/lambda.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * The solve handler against a real dynalite and the real solver. SQS itself
 * cannot exist here: events are built in SQS's record shape, either by hand
 * or by the local runtime's in-process queue.
 */
type Handler = (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;

let server: DynamoServer;
let repo: PlanRepository;
let handler: Handler;
let solveBudgetSeconds: (remainingMs: number, maxSeconds?: number) => number;

const context = (remainingMs: number) => lambdaContext(remainingMs, 'solve-job');
const record = (body: string, messageId?: string): SqsRecord => ({ ...sqsEvent(body).Records[0]!, ...(messageId === undefined ? {} : { messageId, receiptHandle: messageId }) });

async function queuedPlan(dataset: Dataset): Promise<string> {
  const planId = randomUUID();
  const ref = await repo.putDataset(planId, dataset);
  await repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: new Date().toISOString() });
  return planId;
}

beforeAll(async () => {
  server = await startDynalite();
  const tableName = `solve-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint: server.endpoint });
  await ensureTable(raw, tableName);
  raw.destroy();
  process.env.LOG_LEVEL = 'silent';
  repo = createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName });
  // Built from its dependencies, as the local runtime builds it; Lambda wires the same factory from the environment.
  const module = await import('../../functions/solve-job.js');
  handler = module.makeHandler({ repo }) as unknown as Handler;
  solveBudgetSeconds = module.solveBudgetSeconds;
});

afterAll(async () => {
  await server?.stop();
});

describe('the solve job', () => {
  it('solves a plan delivered through the queue and stores what the solver found', async () => {
    const dataset = tinyDataset();
    const planId = await queuedPlan(dataset);
    const queue = new LocalQueue({ handler, log: createLogger(), functionTimeoutMs: 60_000, retryDelayMs: 10 });

    await queue.send({ planId, version: 1 });
    await queue.idle();
    const version = await repo.getVersion(planId, 1);
    const stored = await repo.loadPlan(version!);
    const valid = validateDataset(dataset);
    const direct = await solvePlan(valid.ok ? valid.dataset : dataset, { timeLimitSeconds: 30 });

    expect(version?.status).toBe('optimal');
    expect((await repo.getPlan(planId))?.latestStatus).toBe('optimal');
    expect(stored.objective).toBeCloseTo(direct.objective!, 2);
    expect(stored.sites.map((site) => site.id).sort()).toEqual(dataset.serviceAreas.map((area) => area.id).sort());
    expect(stored.phases.map((phase) => phase.id)).toEqual(dataset.phases.map((phase) => phase.id));
    expect(queue.deadLetters).toHaveLength(0);
  });

  it('solves a job delivered twice at once only once', async () => {
    const planId = await queuedPlan(tinyDataset());
    const body = JSON.stringify({ planId, version: 1 });

    const [first, second] = await Promise.all([handler({ Records: [record(body)] }, context(60_000)), handler({ Records: [record(body)] }, context(60_000))]);
    const afterBoth = await repo.getVersion(planId, 1);
    const third = await handler({ Records: [record(body)] }, context(60_000));
    const afterThird = await repo.getVersion(planId, 1);

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(third.batchItemFailures).toEqual([]);
    expect(afterBoth?.status).toBe('optimal');
    expect(afterBoth?.attempts).toBe(1);
    expect(afterThird?.solvedAt).toBe(afterBoth?.solvedAt);
    expect(afterThird?.attempts).toBe(1);
  });

  it('reports poison messages as batch item failures while the rest of the batch completes', async () => {
    const planId = await queuedPlan(tinyDataset());
    const good = record(JSON.stringify({ planId, version: 1 }));
    const notJson = record('{"planId": ');
    const notAJob = record(JSON.stringify({ hello: 'world' }));
    const unknownPlan = record(JSON.stringify({ planId: randomUUID(), version: 1 }));

    const response = await handler({ Records: [notJson, good, notAJob, unknownPlan] }, context(60_000));

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(
      [notJson.messageId, notAJob.messageId, unknownPlan.messageId].sort(),
    );
    expect((await repo.getVersion(planId, 1))?.status).toBe('optimal');
  });

  it('sends a poison message to the dead-letter list after the last delivery, the queue carrying on', async () => {
    const queue = new LocalQueue({ handler, log: createLogger(), functionTimeoutMs: 60_000, retryDelayMs: 10, maxReceiveCount: 3 });
    const planId = await queuedPlan(tinyDataset());

    queue.sendRaw('not json at all');
    await queue.send({ planId, version: 1 });
    await queue.idle();

    expect(queue.deadLetters).toEqual([{ body: 'not json at all', receiveCount: 3 }]);
    expect((await repo.getVersion(planId, 1))?.status).toBe('optimal');
  });

  it('stores the best plan found, feasible with its gap, when the time limit cuts the solve short, and a redelivery changes nothing', async () => {
    // A budget-bound province (90 sites, 6 phases, every budget an even share, 6% discounting)
    // whose search has a plan long before its proof (idle: 0.1 s and 3 s). The cap sits between the two
    // as measured on this machine now, so a loaded machine (everything slower) moves it along.
    const dataset = JSON.parse(readFileSync(new URL('./fixtures/even-90x6.json', import.meta.url), 'utf8')) as Dataset;
    let firstPlanMs: number | undefined;
    const full = await solvePlan(dataset, { onProgress: (progress) => void (progress.incumbent != null && (firstPlanMs ??= progress.elapsedMs)) });
    expect(full.status).toBe('optimal');
    expect(firstPlanMs).toBeLessThan(full.stats.ms / 4);
    const capSeconds = Math.ceil(Math.max(0.1, (firstPlanMs! * 3) / 1000, full.stats.ms / 4000) * 10) / 10;
    const planId = await queuedPlan(dataset);
    const capped = (await import('../../functions/solve-job.js')).makeHandler({ repo, maxSolveSeconds: capSeconds }) as unknown as Handler;
    const message = record(JSON.stringify({ planId, version: 1 }));

    const response = await capped({ Records: [message] }, context(60_000));
    const version = await repo.getVersion(planId, 1);
    const plan = await repo.loadPlan(version!);
    const again = await capped({ Records: [record(JSON.stringify({ planId, version: 1 }))] }, context(60_000));
    const after = await repo.getVersion(planId, 1);

    expect(response.batchItemFailures).toEqual([]);
    expect(version?.status).toBe('feasible');
    expect(plan.gap).toBeGreaterThan(1e-6);
    expect(plan.bound).toBeLessThan(plan.objective!);
    expect(plan.gap).toBeCloseTo((plan.objective! - plan.bound!) / plan.objective!, 12);
    expect(plan.sites).toHaveLength(dataset.serviceAreas.length);
    expect(plan.warnings.some((warning) => warning.includes('time limit'))).toBe(true);
    expect(again.batchItemFailures).toEqual([]);
    expect(after).toEqual(version);
  });

  it('hands a job back untouched when too little time is left to solve', async () => {
    const planId = await queuedPlan(tinyDataset());
    const message = record(JSON.stringify({ planId, version: 1 }));

    const response = await handler({ Records: [message] }, context(4_000));
    const version = await repo.getVersion(planId, 1);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(version?.status).toBe('queued');
    expect(version?.attempts).toBe(0);
  });

  it('releases the lease for a retry when the stored data set cannot be read', async () => {
    const dataset = tinyDataset();
    const planId = randomUUID();
    const ref = await repo.putDataset(planId, dataset);
    // A version pointing at more parts than exist: storage went wrong, not the caller.
    await repo.createPlan({ planId, province: 'GD', name: dataset.name, dataset: { ...ref, datasetParts: ref.datasetParts + 1 }, now: new Date().toISOString() });
    const message = record(JSON.stringify({ planId, version: 1 }));

    const response = await handler({ Records: [message] }, context(60_000));
    const version = await repo.getVersion(planId, 1);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect(version?.status).toBe('queued');
    expect(version?.attempts).toBe(1);
  });

  it('always leaves the solver less time than the invocation has, with a reserve to store the plan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900_000 }), (remainingMs) => {
        const limit = solveBudgetSeconds(remainingMs);
        return limit * 1000 <= remainingMs - 5_000 && limit <= 600;
      }),
    );
  });
});
