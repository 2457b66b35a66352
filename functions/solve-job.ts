import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import middy from '@middy/core';
import { replanPlan, type Dataset, type Plan, type ReplanInput, type SolveOptions } from '../solver/index.js';
import { optionalEnv, optionalNumberEnv } from './lib/env.js';
import { ConcurrentUpdateError, PoisonMessageError } from './lib/errors.js';
import type { LambdaContext, SqsBatchResponse, SqsEvent, SqsRecord } from './lib/lambda-types.js';
import { createLogger, type Logger } from './lib/log.js';
import { FINAL_STATUSES, repositoryFromEnv } from './lib/plans.js';
import { parseSolveJob, type SolveJob } from './lib/queue.js';
import type { VersionRecord, VersionStatus } from './lib/repository.js';
import { tuneWasmTiering } from './lib/wasm-tuning.js';

tuneWasmTiering();

const repo = repositoryFromEnv();
const baseLog = createLogger({ function: 'solve-job' });
// Set only for the bundled Lambda, where highs.wasm sits beside the bundle instead of in node_modules.
const HIGHS_WASM_DIR = optionalEnv('HIGHS_WASM_DIR');
const locate: Pick<SolveOptions, 'locateHighsFile'> =
  HIGHS_WASM_DIR === undefined ? {} : { locateHighsFile: (file: string) => join(HIGHS_WASM_DIR, file) };
/** Upper bound on one solve, seconds; the remaining Lambda time usually binds first. */
const MAX_SOLVE_SECONDS = optionalNumberEnv('MAX_SOLVE_SECONDS') ?? 600;

/**
 * Time the solver may use: what is left of this invocation minus a reserve
 * for loading and storing (at least 5 s, or 15% of what is left).
 */
export function solveBudgetSeconds(remainingMs: number, maxSeconds = MAX_SOLVE_SECONDS): number {
  const reserveMs = Math.max(5_000, remainingMs * 0.15);
  return Math.min(maxSeconds, Math.floor((remainingMs - reserveMs) / 100) / 10);
}

/** Thrown when there is too little time to solve now; the message is retried later. */
class NoTimeLeftError extends Error {
  constructor(remainingMs: number) {
    super(`Only ${remainingMs} ms left in this invocation: too little to solve`);
    this.name = 'NoTimeLeftError';
  }
}

function statusOf(plan: Plan, limitSeconds: number): { status: VersionStatus; failure?: string } {
  if (plan.status === 'unknown') {
    return { status: 'failed', failure: `The solver reached its time limit of ${limitSeconds} s before finding any plan` };
  }
  return { status: plan.status };
}

/**
 * What a version is solved from: its data set revision and, for a re-plan
 * (SPEC 6.3), its as-of date, the progress report it counts and the previous
 * version's plan (for `slipped`; none when that version has no plan).
 */
async function loadInputs(record: VersionRecord): Promise<{ dataset: Dataset; replan: ReplanInput }> {
  const dataset = await repo.loadDataset(record.planId, record);
  if (record.asOf == null) return { dataset, replan: {} };
  const reportRecord = record.progressReportId == null ? undefined : await repo.getReport(record.planId, record.progressReportId);
  if (record.progressReportId != null && reportRecord === undefined) {
    throw new PoisonMessageError(`Plan ${record.planId} v${record.version}: progress report ${record.progressReportId} is missing`);
  }
  const previousRecord = record.version > 1 ? await repo.getVersion(record.planId, record.version - 1) : undefined;
  const [progress, previous] = await Promise.all([
    reportRecord === undefined ? Promise.resolve(null) : repo.loadReport(reportRecord),
    previousRecord !== undefined && (previousRecord.status === 'optimal' || previousRecord.status === 'feasible') ? repo.loadPlan(previousRecord) : Promise.resolve(null),
  ]);
  return { dataset, replan: { asOf: record.asOf, progress, previous, dataRevision: record.dataRevision ?? 1 } };
}

async function solveOne(job: SolveJob, context: LambdaContext, log: Logger): Promise<void> {
  const record = await repo.getVersion(job.planId, job.version);
  if (record === undefined) throw new PoisonMessageError(`Plan ${job.planId} has no version ${job.version}`);
  if (FINAL_STATUSES.has(record.status)) {
    log.info('job already done, skipped', { status: record.status });
    return;
  }
  const remainingMs = context.getRemainingTimeInMillis();
  const limitSeconds = solveBudgetSeconds(remainingMs);
  if (limitSeconds < 1) throw new NoTimeLeftError(remainingMs);

  const leaseId = randomUUID();
  // The lease lasts as long as this invocation can: if it dies, the next delivery may take over.
  const lease = await repo.startSolving({
    planId: job.planId,
    version: job.version,
    leaseId,
    leaseUntil: Date.now() + remainingMs,
    now: new Date().toISOString(),
  });
  if (lease === undefined) {
    log.info('another delivery holds or finished this job, skipped');
    return;
  }
  const owned = { planId: job.planId, version: job.version, leaseId };
  try {
    const { dataset, replan } = await loadInputs(lease);
    let plan: Plan;
    try {
      let lastLog = 0;
      plan = await replanPlan(dataset, replan, {
        timeLimitSeconds: limitSeconds,
        ...locate,
        onProgress: (progress) => {
          // Long solves report often; a line every 10 s is enough to see it alive.
          if (progress.elapsedMs - lastLog < 10_000 && progress.stage !== 'done') return;
          lastLog = progress.elapsedMs;
          log.info('solve progress', { stage: progress.stage, elapsedMs: progress.elapsedMs, incumbent: progress.incumbent ?? null, bound: progress.bound ?? null });
        },
      });
    } catch (error) {
      // The solver is deterministic: retrying the same data set would fail the same way.
      log.error('solver failed', { error });
      await repo.markFailed({ ...owned, failure: 'The solver failed on this data set; the team has been notified', now: new Date().toISOString() });
      return;
    }
    const { status, failure } = statusOf(plan, limitSeconds);
    await repo.storeResult({ ...owned, plan, status, failure, now: new Date().toISOString() });
    log.info('plan stored', { status, objective: plan.objective, gap: plan.gap, ms: plan.stats.ms, engine: plan.stats.engine, limitSeconds });
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) {
      log.warn('lease lost, result dropped', { error });
      return;
    }
    // Transient (e.g. throttling): hand the job back so the redelivery can start at once.
    await repo.releaseLease({ ...owned, now: new Date().toISOString() }).catch((releaseError: unknown) =>
      log.warn('lease not released', { error: releaseError }),
    );
    throw error;
  }
}

/**
 * SQS event source with ReportBatchItemFailures: each record succeeds or fails
 * on its own, so a poison message goes to the dead-letter queue while the rest
 * of its batch completes.
 */
const run = async (event: SqsEvent, context: LambdaContext): Promise<SqsBatchResponse> => {
  const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const log = baseLog.child({ messageId: record.messageId, receiveCount: receiveCount(record) });
    const job = parseSolveJob(record.body);
    if (job === undefined) {
      log.error('poison message: not a solve job', { bodyBytes: record.body.length });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    const jobLog = log.child({ planId: job.planId, version: job.version });
    try {
      await solveOne(job, context, jobLog);
    } catch (error) {
      jobLog.error(error instanceof PoisonMessageError ? 'poison message' : 'job failed, will be retried', { error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

function receiveCount(record: SqsRecord): number {
  return Number(record.attributes?.ApproximateReceiveCount ?? 1);
}

export const handler = middy<SqsEvent, SqsBatchResponse, Error, LambdaContext>(run);
