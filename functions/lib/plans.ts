import { createDocumentClient } from './dynamo.js';
import { optionalEnv, requiredEnv } from './env.js';
import type { PlanRepository } from './plan-repository.js';
import { queueFor, type JobQueue } from './queue.js';
import { createRepository } from './repository.js';

/*
 * What a handler is built from: the plan table's repository and the solve
 * queue. Tests and the local runtime pass their own; Lambda builds them from
 * its environment here.
 */

export type { PlanRepository };

/** What a handler that writes is built from. */
export interface HandlerDeps {
  repo: PlanRepository;
  queue: JobQueue;
}

/** The repository the handlers share, from TABLE_NAME (and DYNAMODB_ENDPOINT off AWS). */
export function repositoryFromEnv(): PlanRepository {
  const tableName = requiredEnv('TABLE_NAME');
  const endpoint = optionalEnv('DYNAMODB_ENDPOINT');
  return createRepository({ client: createDocumentClient(endpoint === undefined ? {} : { endpoint }), tableName });
}

export function queueFromEnv(): JobQueue {
  return queueFor(requiredEnv('QUEUE_URL'));
}
