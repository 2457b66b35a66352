import { QueueUnavailableError, says } from '../lib/errors.js';
import { isWhatIfJob, type JobQueue, type QueueJob } from '../lib/queue.js';

/**
 * Sends a solve job; a queue that refuses it is a 503 the client retries (the
 * version is stored, and the retry, or the sweep, sends the job again).
 */
export async function enqueue(queue: JobQueue, job: QueueJob): Promise<void> {
  try {
    await queue.send(job);
  } catch (error) {
    const what = isWhatIfJob(job) ? job.whatIf : `version ${job.version}`;
    throw new QueueUnavailableError(says('error.queueRefused', { plan: job.planId, what }), { cause: error });
  }
}
