import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/lib/dynamo.js';
import type { HttpApiEvent } from '../../functions/lib/lambda-types.js';
import { createLogger } from '../../functions/lib/log.js';
import type { JobQueue, QueueJob } from '../../functions/lib/queue.js';
import { createRepository, type PlanRepository } from '../../functions/lib/repository.js';
import { LocalQueue } from '../../functions/local/local-queue.js';
import { makeHandler as makeRegenerate } from '../../functions/regenerate-plan.js';
import { makeHandler as makeSolveJob } from '../../functions/solve-job.js';
import { makeHandler as makeSubmit } from '../../functions/submit-plan.js';
import { tinyDataset } from './helpers/data.js';
import { FaultInjectingHandler } from './helpers/faults.js';
import { freshRepository, httpEvent, lambdaContext, type HttpHandler, type SqsHandler } from './helpers/lambda.js';
import type { DynamoServer } from './helpers/servers.js';

/*
 * Faults between the writes of one request, injected into handlers built from
 * their dependencies: a crash after the idempotency key is claimed (the
 * repository throws where the process would die), a queue that refuses the job
 * (SQS cannot exist here: the queue is a recording port), and a result write
 * throttled by DynamoDB (injected at the SDK's request handler). In each, the
 * client's retry gives exactly one plan, and no solved result is lost.
 */
type Http = HttpHandler;
type Sqs = SqsHandler;

let server: DynamoServer;
let repo: PlanRepository;
let tableName: string;

beforeAll(async () => {
  ({ repo, server, tableName } = await freshRepository('retries'));
});

afterAll(async () => {
  await server?.stop();
});

const context = () => lambdaContext();

/** A province user's request to `route` with a JSON body and an Idempotency-Key. */
function request(method: string, route: string, body: unknown, key: string | undefined, province = 'GD', pathParameters?: Record<string, string>): HttpApiEvent {
  return httpEvent({
    method,
    route,
    ...(pathParameters === undefined ? {} : { pathParameters }),
    ...(body === undefined ? {} : { body: body as object }),
    ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }),
    groups: `[province-${province}]`,
    subject: 'planner',
  });
}

/** A queue that refuses its first `refusals` jobs, then records them and hands them to the real solve job. */
function flakyQueue(refusals: number, solve: Sqs): JobQueue & { sent: QueueJob[]; local: LocalQueue } {
  const local = new LocalQueue({ handler: solve, log: createLogger(), functionTimeoutMs: 60_000, retryDelayMs: 10 });
  const sent: QueueJob[] = [];
  let left = refusals;
  return {
    sent,
    local,
    async send(job) {
      if (left-- > 0) throw new Error('SQS: service unavailable');
      sent.push(job);
      await local.send(job);
    },
  };
}

async function plansOf(province: string) {
  return (await repo.listPlans(province, { limit: 100 })).items;
}

describe('a submission interrupted between its writes', () => {
  it('is finished by the retry when the process died after claiming the key: one plan, solved', async () => {
    const queue = flakyQueue(0, makeSolveJob({ repo }) as unknown as Sqs);
    let crashes = 1;
    const crashing: PlanRepository = {
      ...repo,
      createPlan: async (input) => {
        if (crashes-- > 0) throw new Error('process died');
        return repo.createPlan(input);
      },
    };
    const dataset = tinyDataset({ province: 'CR' });

    const first = await (makeSubmit({ repo: crashing, queue }) as unknown as Http)(request('POST', '/v1/plans', dataset, 'crash-1', 'CR'), context());
    const retry = await (makeSubmit({ repo: crashing, queue }) as unknown as Http)(request('POST', '/v1/plans', dataset, 'crash-1', 'CR'), context());
    await queue.local.idle();
    const plans = await plansOf('CR');
    const version = await repo.getVersion(plans[0]!.planId, 1);

    expect(first.statusCode).toBe(500);
    expect(retry.statusCode).toBe(202);
    expect(plans).toHaveLength(1);
    expect(JSON.parse(retry.body!).planId).toBe(plans[0]!.planId);
    expect(version?.status).toBe('optimal');
  });

  it('answers 503 when the queue refuses the job, and the retry sends it: one plan, solved', async () => {
    const queue = flakyQueue(1, makeSolveJob({ repo }) as unknown as Sqs);
    const submit = makeSubmit({ repo, queue }) as unknown as Http;
    const dataset = tinyDataset({ province: 'QU' });

    const first = await submit(request('POST', '/v1/plans', dataset, 'queue-1', 'QU'), context());
    const retry = await submit(request('POST', '/v1/plans', dataset, 'queue-1', 'QU'), context());
    await queue.local.idle();
    const plans = await plansOf('QU');

    expect(first.statusCode).toBe(503);
    expect(first.headers?.['Retry-After']).toBe('2');
    expect(retry.statusCode).toBe(202);
    expect(plans).toHaveLength(1);
    expect(queue.sent).toEqual([{ planId: plans[0]!.planId, version: 1 }]);
    expect((await repo.getVersion(plans[0]!.planId, 1))?.status).toBe('optimal');
  });
});

describe('a re-plan interrupted before its enqueue', () => {
  it('is sent by the retry with the same key: one new version, solved', async () => {
    const solve = makeSolveJob({ repo }) as unknown as Sqs;
    const setup = flakyQueue(0, solve);
    await (makeSubmit({ repo, queue: setup }) as unknown as Http)(request('POST', '/v1/plans', tinyDataset({ province: 'RQ' }), 'rq', 'RQ'), context());
    await setup.local.idle();
    const planId = (await plansOf('RQ'))[0]!.planId;
    const queue = flakyQueue(1, solve);
    const regenerate = makeRegenerate({ repo, queue }) as unknown as Http;
    const call = () => regenerate(request('POST', '/v1/plans/{planId}/regenerate', { asOf: '2024-03-01' }, 'replan-1', 'RQ', { planId }), context());

    const first = await call();
    const retry = await call();
    await queue.local.idle();
    const header = await repo.getPlan(planId);

    expect(first.statusCode).toBe(503);
    expect(retry.statusCode).toBe(202);
    expect(JSON.parse(retry.body!).version).toBe(2);
    expect(header?.latestVersion).toBe(2);
    expect(queue.sent).toEqual([{ planId, version: 2 }]);
    expect((await repo.getVersion(planId, 2))?.status).toBe('optimal');
  });
});

describe('a solve whose result write is throttled', () => {
  it('hands the job back and the redelivery stores the plan: nothing lost, nothing doubled', async () => {
    // DynamoDB throttles every BatchWriteItem of the first result write, through the SDK's own retries.
    let throttling = true;
    const faults = new FaultInjectingHandler((operation) => (throttling && operation === 'BatchWriteItem' ? 'throttle' : 'pass'));
    const throttled = createRepository({ client: createDocumentClient({ endpoint: server.endpoint, requestHandler: faults, maxAttempts: 2 }), tableName });
    const dataset = tinyDataset({ province: 'TH' });
    const planId = randomUUID();
    const ref = await repo.putDataset(planId, dataset);
    await repo.createPlan({ planId, province: 'TH', name: dataset.name, dataset: ref, now: new Date().toISOString() });
    const solve = makeSolveJob({ repo: throttled }) as unknown as Sqs;
    const queue = new LocalQueue({
      handler: async (event, ctx) => {
        const response = await solve(event, ctx);
        throttling = false;
        return response;
      },
      log: createLogger(),
      functionTimeoutMs: 60_000,
      retryDelayMs: 10,
    });

    await queue.send({ planId, version: 1 });
    await queue.idle();
    const version = await repo.getVersion(planId, 1);
    const plan = await repo.loadPlan(version!);

    expect(faults.calls.get('BatchWriteItem')).toBeGreaterThan(2);
    expect(version).toMatchObject({ status: 'optimal', attempts: 2 });
    expect(plan.sites).toHaveLength(dataset.serviceAreas.length);
    expect(queue.deadLetters).toEqual([]);
  });
});
