import middy from '@middy/core';
import type { LambdaContext, SqsBatchResponse, SqsEvent } from './lib/lambda-types.js';
import { msg } from '../solver/messages.js';
import { createLogger, type Logger } from './lib/log.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { isWhatIfJob, parseSolveJob } from './lib/queue.js';
import { fromEnv } from './lib/wiring.js';

/** What a planner reads on a version whose solve could not finish. */
export const DEAD_LETTER_FAILURE = msg('failure.deadLetter');

/** What a planner reads on a scenario or curve point whose solve could not finish (SPEC 8: asking again makes a new one). */
export const WHAT_IF_DEAD_LETTER_FAILURE = msg('failure.deadLetterWhatIf');

/**
 * Consumes the solve queue's dead-letter queue: a job that failed every
 * delivery marks its version (or scenario, or curve point) `failed` with a reason
 * a planner understands, so none stays `queued` or `solving` once its retries are spent.
 * A message that is not a job is dropped with a log line (nothing to mark).
 */
export const makeHandler = ({ repo, log = createLogger({ function: 'solve-dead-letter' }), clock = () => new Date() }: { repo: PlanRepository; log?: Logger; clock?: () => Date }) =>
  middy<SqsEvent, SqsBatchResponse, Error, LambdaContext>(async (event: SqsEvent) => {
    const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const job = parseSolveJob(record.body);
      if (job === undefined) {
        log.error('dead letter is not a solve job, dropped', { messageId: record.messageId, bodyBytes: record.body.length });
        continue;
      }
      const jobLog = log.child({ planId: job.planId, ...(isWhatIfJob(job) ? { whatIf: job.whatIf } : { version: job.version }), messageId: record.messageId });
      try {
        const now = clock().toISOString();
        const failed = isWhatIfJob(job)
          ? await repo.endWhatIf({ planId: job.planId, id: job.whatIf, status: 'failed', failure: WHAT_IF_DEAD_LETTER_FAILURE, now })
          : await repo.failUnfinished({ ...job, failure: DEAD_LETTER_FAILURE, now });
        jobLog.warn(failed ? 'dead solve job: marked failed' : 'dead solve job: had already ended');
      } catch (error) {
        jobLog.error('dead solve job not recorded, will be retried', { error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
