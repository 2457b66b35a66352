import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../functions/lib/lambda-types.js';
import { createLogger } from '../../functions/lib/log.js';
import type { QueueJob } from '../../functions/lib/queue.js';
import type { PlanRepository } from '../../functions/lib/repository.js';
import { STUCK_FAILURE, STUCK_FAIL_MS, STUCK_REQUEUE_MS, STUCK_WHAT_IF_FAILURE, sweepPlan } from '../../functions/use-cases/sweep.js';
import { DEAD_LETTER_FAILURE, makeHandler as makeDeadLetterHandler, WHAT_IF_DEAD_LETTER_FAILURE } from '../../functions/solve-dead-letter.js';
import { makeHandler as makeSolveJob } from '../../functions/solve-job.js';
import { PLANNER_MODEL_VERSION } from '../../solver/index.js';
import { renderMessage } from '../../solver/messages.js';
import { tinyDataset } from './helpers/data.js';
import { freshRepository, lambdaContext, queuedPlan as queuedPlanOf, sqsEvent, type SqsHandler } from './helpers/lambda.js';

/*
 * No version stays queued or solving: a dead solver's lease is taken over at
 * once when its death is known, a job whose retries are spent fails its
 * version from the dead-letter queue, and the sweep requeues a stuck version
 * once and then fails it. Real dynalite and the real solver; SQS cannot exist
 * here, so events are built in its record shape and sent jobs are recorded.
 */
let stopStore: () => Promise<void>;
let repo: PlanRepository;
const log = createLogger({ test: 'unfinished' });

beforeAll(async () => {
  ({ repo, stop: stopStore } = await freshRepository('unfinished'));
});

afterAll(async () => {
  await stopStore?.();
});

const event = sqsEvent;
const context = (): LambdaContext => lambdaContext();

const queuedPlan = () => queuedPlanOf(repo);

/** A version whose solver took the lease for an hour and then died. */
async function abandonedPlan(holder: string): Promise<string> {
  const planId = await queuedPlan();
  await repo.startSolving({ planId, version: 1, leaseId: 'dead-lease', leaseUntil: Date.now() + 3_600_000, now: new Date().toISOString(), holder });
  return planId;
}

/** A queued scenario (SPEC 8) of a fresh plan, as the API stores one. */
async function queuedScenario(): Promise<{ planId: string; id: string }> {
  const dataset = tinyDataset();
  const planId = randomUUID();
  const ref = await repo.putDataset(planId, dataset);
  const now = new Date().toISOString();
  await repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now });
  const record = await repo.addScenario(
    {
      planId, ...ref, dataRevision: 1, progressReportId: null, progressAsOf: null, closedPhases: [], modelVersion: PLANNER_MODEL_VERSION,
      name: 'EV share +20%', changes: { evShareScale: 1.2 }, asOf: null, status: 'queued', createdBy: 'planner', createdAt: now, updatedAt: now,
    },
    10,
  );
  return { planId, id: record.id };
}

/** A scenario whose solver took the lease for an hour and then died. */
async function abandonedScenario(holder: string): Promise<{ planId: string; id: string }> {
  const scenario = await queuedScenario();
  await repo.startWhatIf({ ...scenario, leaseId: 'dead-lease', leaseUntil: Date.now() + 3_600_000, now: new Date().toISOString(), holder });
  return scenario;
}
const whatIfEvent = ({ planId, id }: { planId: string; id: string }) => event(JSON.stringify({ planId, whatIf: id }));

describe('a solve whose solver died', () => {
  it('is taken over at once by an instance that knows the holder is dead, and ends optimal', async () => {
    const planId = await abandonedPlan('crashed-server');
    const handler = makeSolveJob({ repo, instanceId: 'restarted-server', isDeadHolder: (holder) => holder !== 'restarted-server' }) as unknown as SqsHandler;

    const response = await handler(event({ planId, version: 1 }), context());
    const version = await repo.getVersion(planId, 1);

    expect(response.batchItemFailures).toEqual([]);
    expect(version?.status).toBe('optimal');
    expect(version?.attempts).toBe(2);
  });

  it('is left to its lease by an instance that cannot know whether the holder lives (Lambda)', async () => {
    const planId = await abandonedPlan('another-container');
    const handler = makeSolveJob({ repo, instanceId: 'this-container' }) as unknown as SqsHandler;

    await handler(event({ planId, version: 1 }), context());
    const version = await repo.getVersion(planId, 1);

    expect(version?.status).toBe('solving');
    expect(version?.leaseId).toBe('dead-lease');
  });
});

describe('a what-if solve whose solver died', () => {
  it('is taken over at once by an instance that knows the holder is dead, and ends optimal', async () => {
    const scenario = await abandonedScenario('crashed-server');
    const handler = makeSolveJob({ repo, instanceId: 'restarted-server', isDeadHolder: (holder) => holder !== 'restarted-server' }) as unknown as SqsHandler;

    const response = await handler(whatIfEvent(scenario), context());
    const record = await repo.getWhatIf(scenario.planId, scenario.id);

    expect(response.batchItemFailures).toEqual([]);
    expect(record?.status).toBe('optimal');
    expect(record?.leaseHolder).toBeUndefined();
    expect(record?.figures?.capex).toBeGreaterThan(0);
  });

  it('is left to its lease by an instance that cannot know whether the holder lives (Lambda)', async () => {
    const scenario = await abandonedScenario('another-container');
    const handler = makeSolveJob({ repo, instanceId: 'this-container' }) as unknown as SqsHandler;

    await handler(whatIfEvent(scenario), context());
    const record = await repo.getWhatIf(scenario.planId, scenario.id);

    expect(record).toMatchObject({ status: 'solving', leaseId: 'dead-lease', leaseHolder: 'another-container' });
  });
});

describe('the solve dead-letter handler', () => {
  it('marks a scenario or curve point whose job spent every retry failed, with a reason, and leaves an ended one', async () => {
    const queued = await queuedScenario();
    const solving = await abandonedScenario('gone');
    const solved = await queuedScenario();
    await (makeSolveJob({ repo }) as unknown as SqsHandler)(whatIfEvent(solved), context());
    const handler = makeDeadLetterHandler({ repo, log }) as unknown as SqsHandler;

    const responses = [await handler(whatIfEvent(queued), context()), await handler(whatIfEvent(solving), context()), await handler(whatIfEvent(solved), context())];
    const [first, second, third] = await Promise.all([queued, solving, solved].map(({ planId, id }) => repo.getWhatIf(planId, id)));

    expect(responses.map((response) => response.batchItemFailures)).toEqual([[], [], []]);
    expect(first).toMatchObject({ status: 'failed', failure: renderMessage(WHAT_IF_DEAD_LETTER_FAILURE), failureDetail: WHAT_IF_DEAD_LETTER_FAILURE });
    expect(second).toMatchObject({ status: 'failed', failure: renderMessage(WHAT_IF_DEAD_LETTER_FAILURE), failureDetail: WHAT_IF_DEAD_LETTER_FAILURE });
    expect(second?.leaseId).toBeUndefined();
    expect(third?.status).toBe('optimal');
    expect(third?.failure).toBeUndefined();
  });

  it('marks a version whose job spent every retry failed, with a reason a planner understands', async () => {
    const queuedId = await queuedPlan();
    const solvingId = await abandonedPlan('gone');
    const handler = makeDeadLetterHandler({ repo, log }) as unknown as SqsHandler;

    const first = await handler(event({ planId: queuedId, version: 1 }), context());
    const second = await handler(event({ planId: solvingId, version: 1 }), context());
    const poison = await handler(event('not a job'), context());
    const [queued, solving, header] = await Promise.all([repo.getVersion(queuedId, 1), repo.getVersion(solvingId, 1), repo.getPlan(solvingId)]);

    expect([first.batchItemFailures, second.batchItemFailures, poison.batchItemFailures]).toEqual([[], [], []]);
    expect(queued).toMatchObject({ status: 'failed', failure: renderMessage(DEAD_LETTER_FAILURE), failureDetail: DEAD_LETTER_FAILURE });
    expect(solving).toMatchObject({ status: 'failed', failure: renderMessage(DEAD_LETTER_FAILURE), failureDetail: DEAD_LETTER_FAILURE });
    expect(solving?.leaseId).toBeUndefined();
    expect(header?.latestStatus).toBe('failed');
  });

  it('leaves a version that ended meanwhile as it is', async () => {
    const planId = await queuedPlan();
    await (makeSolveJob({ repo }) as unknown as SqsHandler)(event({ planId, version: 1 }), context());

    await (makeDeadLetterHandler({ repo, log }) as unknown as SqsHandler)(event({ planId, version: 1 }), context());
    const version = await repo.getVersion(planId, 1);

    expect(version?.status).toBe('optimal');
    expect(version?.failure).toBeUndefined();
  });
});

/** The sweep's dependencies over the real repository, with a queue that records what it is sent. */
function recordingQueue(): { sent: QueueJob[]; deps: { repo: PlanRepository; log: typeof log; queue: { send: (job: QueueJob) => Promise<void> } } } {
  const sent: QueueJob[] = [];
  return { sent, deps: { repo, log, queue: { send: async (job: QueueJob) => void sent.push(job) } } };
}
const header = async (planId: string) => (await repo.getPlan(planId))!;

describe('the sweep of unfinished versions', () => {
  it('requeues a version stuck past the bound once, then fails it, and leaves a moving one alone', async () => {
    const stuckId = await abandonedPlan('gone');
    const freshId = await queuedPlan();
    const { sent, deps } = recordingQueue();
    const leaseEnd = (await repo.getVersion(stuckId, 1))!.leaseUntil!;

    const early = await sweepPlan(deps, await header(stuckId), new Date(leaseEnd + STUCK_REQUEUE_MS / 2));
    const requeued = await sweepPlan(deps, await header(stuckId), new Date(leaseEnd + STUCK_REQUEUE_MS + 60_000));
    const afterRequeue = await repo.getVersion(stuckId, 1);
    const notYet = await sweepPlan(deps, await header(stuckId), new Date(Date.parse(afterRequeue!.updatedAt) + STUCK_FAIL_MS - 60_000));
    const failed = await sweepPlan(deps, await header(stuckId), new Date(Date.parse(afterRequeue!.updatedAt) + STUCK_FAIL_MS + 60_000));
    const fresh = await sweepPlan(deps, await header(freshId), new Date(Date.now() + 60_000));
    const [stuck, moving] = await Promise.all([repo.getVersion(stuckId, 1), repo.getVersion(freshId, 1)]);

    expect(early).toEqual({ requeued: 0, failed: 0 });
    expect(requeued).toEqual({ requeued: 1, failed: 0 });
    expect(afterRequeue).toMatchObject({ status: 'queued', sweeps: 1 });
    expect(afterRequeue?.leaseId).toBeUndefined();
    expect(sent).toEqual([{ planId: stuckId, version: 1 }]);
    expect(notYet).toEqual({ requeued: 0, failed: 0 });
    expect(failed).toEqual({ requeued: 0, failed: 1 });
    expect(stuck).toMatchObject({ status: 'failed', failure: renderMessage(STUCK_FAILURE), failureDetail: { code: 'failure.stuck', params: { hours: 8 } } });
    expect(stuck?.failure).toContain('in 8 hours');
    expect(fresh).toEqual({ requeued: 0, failed: 0 });
    expect(moving?.status).toBe('queued');
  });

  it('sends a scenario idle past an hour to the queue again, fails it past eight hours, and leaves a moving one alone', async () => {
    const stuck = await abandonedScenario('gone');
    const fresh = await queuedScenario();
    const { sent, deps } = recordingQueue();
    const leaseEnd = (await repo.getWhatIf(stuck.planId, stuck.id))!.leaseUntil!;
    const whatIfsSent = () => sent.filter((job) => 'whatIf' in job);
    const statusOf = async ({ planId, id }: { planId: string; id: string }) => (await repo.getWhatIf(planId, id))!;

    await sweepPlan(deps, await header(stuck.planId), new Date(leaseEnd + STUCK_REQUEUE_MS / 2));
    const early = whatIfsSent();
    await sweepPlan(deps, await header(stuck.planId), new Date(leaseEnd + STUCK_REQUEUE_MS + 60_000));
    const requeued = whatIfsSent();
    const stillSolving = await statusOf(stuck);
    await sweepPlan(deps, await header(stuck.planId), new Date(leaseEnd + STUCK_FAIL_MS + 60_000));
    await sweepPlan(deps, await header(fresh.planId), new Date(Date.now() + 60_000));
    const [record, freshRecord] = await Promise.all([statusOf(stuck), statusOf(fresh)]);

    expect(early).toEqual([]);
    expect(requeued).toEqual([{ planId: stuck.planId, whatIf: stuck.id }]);
    expect(stillSolving.status).toBe('solving');
    expect(record).toMatchObject({ status: 'failed', failure: renderMessage(STUCK_WHAT_IF_FAILURE), failureDetail: { code: 'failure.stuckWhatIf', params: { hours: 8 } } });
    expect(record.leaseId).toBeUndefined();
    expect(whatIfsSent()).toHaveLength(1);
    expect(freshRecord.status).toBe('queued');
  });
});
