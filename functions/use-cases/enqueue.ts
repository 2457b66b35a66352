import { QueueUnavailableError } from '../lib/errors.js';
import type { JobQueue, SolveJob } from '../lib/queue.js';

/**
 * Sends a solve job; a queue that refuses it is a 503 the client retries (the
 * version is stored, and the retry, or the sweep, sends the job again).
 */
export async function enqueue(queue: JobQueue, job: SolveJob): Promise<void> {
  try {
    await queue.send(job);
  } catch (error) {
    throw new QueueUnavailableError(`The solve queue did not take plan ${job.planId} version ${job.version}; retry the request`, { cause: error });
  }
}
