import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import middy from '@middy/core';
import type { SolveOptions } from '../solver/index.js';
import { optionalEnv, optionalNumberEnv } from './lib/env.js';
import { PoisonMessageError } from './lib/errors.js';
import type { LambdaContext, SqsBatchResponse, SqsEvent, SqsRecord } from './lib/lambda-types.js';
import { createLogger, type Logger } from './lib/log.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { isWhatIfJob, parseSolveJob } from './lib/queue.js';
import { tuneWasmTiering } from './lib/wasm-tuning.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { solveWhatIf } from './use-cases/solve-what-if.js';
import { DEFAULT_MAX_SOLVE_SECONDS, PROVISIONAL_AFTER_MS, PROVISIONAL_EVERY_MS, solveVersion } from './use-cases/solve.js';

export { solveBudgetSeconds } from './use-cases/solve.js';

tuneWasmTiering();

export interface SolveJobDeps {
  repo: PlanRepository;
  /** Cap on one solve, seconds. */
  maxSolveSeconds?: number;
  /** Where highs.wasm lives when it is not beside the highs package (the bundled Lambda). */
  locateHighsFile?: SolveOptions['locateHighsFile'];
  /** This runtime instance (a Lambda container, a local server process), recorded as the lease holder. */
  instanceId?: string;
  /**
   * Whether the holder of a lease is known to be dead, so its lease can be
   * taken over at once instead of when it runs out. In Lambda nobody knows;
   * the local runtime knows every other instance is (it owns the data folder).
   */
  isDeadHolder?: (holder: string | undefined) => boolean;
  /** When and how often the best plan so far is stored while solving, ms (tests make them 0). */
  provisional?: { afterMs: number; everyMs: number };
  log?: Logger;
  clock?: () => Date;
}

/**
 * SQS event source with ReportBatchItemFailures: each record succeeds or fails
 * on its own, so a poison message goes to the dead-letter queue while the rest
 * of its batch completes.
 */
export function makeHandler(deps: SolveJobDeps) {
  const full = {
    repo: deps.repo,
    clock: deps.clock ?? systemClock,
    maxSolveSeconds: deps.maxSolveSeconds ?? DEFAULT_MAX_SOLVE_SECONDS,
    instanceId: deps.instanceId ?? randomUUID(),
    isDeadHolder: deps.isDeadHolder ?? (() => false),
    provisional: deps.provisional ?? { afterMs: PROVISIONAL_AFTER_MS, everyMs: PROVISIONAL_EVERY_MS },
    ...(deps.locateHighsFile === undefined ? {} : { locateHighsFile: deps.locateHighsFile }),
  };
  const baseLog = deps.log ?? createLogger({ function: 'solve-job' });
  return middy<SqsEvent, SqsBatchResponse, Error, LambdaContext>(async (event: SqsEvent, context: LambdaContext) => {
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const log = baseLog.child({ messageId: record.messageId, receiveCount: receiveCount(record) });
      const job = parseSolveJob(record.body);
      if (job === undefined) {
        log.error('poison message: not a solve job', { bodyBytes: record.body.length });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const jobLog = log.child({ planId: job.planId, ...(isWhatIfJob(job) ? { whatIf: job.whatIf } : { version: job.version }) });
      try {
        // A scenario or a curve's point is a job of its own on the same queue (SPEC 8).
        if (isWhatIfJob(job)) await solveWhatIf(full, job, () => context.getRemainingTimeInMillis(), jobLog);
        else await solveVersion(full, job, () => context.getRemainingTimeInMillis(), jobLog);
      } catch (error) {
        jobLog.error(error instanceof PoisonMessageError ? 'poison message' : 'job failed, will be retried', { error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}

function receiveCount(record: SqsRecord): number {
  return Number(record.attributes?.ApproximateReceiveCount ?? 1);
}

export const handler = fromEnv(() => {
  // Set only for the bundled Lambda, where highs.wasm sits beside the bundle instead of in node_modules.
  const wasmDir = optionalEnv('HIGHS_WASM_DIR');
  return makeHandler({
    repo: repositoryFromEnv(),
    maxSolveSeconds: optionalNumberEnv('MAX_SOLVE_SECONDS') ?? DEFAULT_MAX_SOLVE_SECONDS,
    ...(wasmDir === undefined ? {} : { locateHighsFile: (file: string) => join(wasmDir, file) }),
  });
});
