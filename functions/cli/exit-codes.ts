import type { PlanStatus } from '../../solver/types.js';

/** Exit codes of `npm run plan` (docs/cli.md). */
export const EXIT = {
  /** A plan was found (optimal or feasible) and the outputs written. */
  ok: 0,
  /** The data set is infeasible; the plan file (with its diagnosis) is written. */
  infeasible: 1,
  /** Invalid data set, unreadable file or bad arguments; nothing written. */
  invalid: 2,
  /** Stopped at the time limit before any plan was found; the plan file is written. */
  unknown: 3,
  /** A bug: the planner or the writer failed unexpectedly; nothing written. */
  internal: 4,
} as const;

export function exitCodeFor(status: PlanStatus): number {
  switch (status) {
    case 'optimal':
    case 'feasible':
      return EXIT.ok;
    case 'infeasible':
      return EXIT.infeasible;
    case 'unknown':
      return EXIT.unknown;
  }
}
