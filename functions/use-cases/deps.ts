import type { Logger } from '../lib/log.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { JobQueue } from '../lib/queue.js';

/**
 * What a use case works with: the plan table, the solve queue, the clock and
 * the request's logger. Handlers pass their own; tests and the local runtime
 * pass theirs to the handlers.
 */
export interface Deps {
  repo: PlanRepository;
  queue: JobQueue;
  log: Logger;
  clock: () => Date;
}

/** Use cases that only store inputs need no queue. */
export type StoreDeps = Pick<Deps, 'repo' | 'log' | 'clock'>;

/** The wall clock, unless a test passes its own. */
export const systemClock = () => new Date();
