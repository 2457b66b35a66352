/**
 * The service's rules written once: the status sets of a plan version, its
 * review states, the width of a version number, and the shapes of the ids in
 * paths and tokens. Handlers, the repository, the local
 * runtime and the stack import them from here.
 */

/** Statuses a stored plan version goes through (the API's `status`). */
export type VersionStatus = 'queued' | 'solving' | 'optimal' | 'feasible' | 'infeasible' | 'failed';

/** A version that will not change any more. */
export const FINAL_STATUSES: ReadonlySet<VersionStatus> = new Set(['optimal', 'feasible', 'infeasible', 'failed']);

/** A version (or a scenario, or a curve's point) still waiting for its solve or in it: `queued` or `solving`. */
export const isUnfinished = (status: VersionStatus): boolean => !FINAL_STATUSES.has(status);

/** A version with a stored plan (an infeasible plan has its diagnosis and every site uncovered). */
export const SOLVED_STATUSES: ReadonlySet<VersionStatus> = new Set(['optimal', 'feasible', 'infeasible']);

/** A version whose plan is a site selection: downloads, and the previous plan that `slipped` compares with. */
export const SELECTION_STATUSES: ReadonlySet<VersionStatus> = new Set(['optimal', 'feasible']);

/** A province code, as in a data set's `province` and the `province-XX` group: the data set's rule (SPEC section 1). */
export { PROVINCE_PATTERN } from '../../solver/index.js';

/** A plan id: a random UUID. */
export const PLAN_ID_PATTERN = /^[0-9a-f-]{36}$/;

/** A reviewer's decision on a version (SPEC 6.6), and the state a version's latest decision gives it. */
export type ReviewDecision = 'approve' | 'request-changes';
export type ReviewState = 'none' | 'approved' | 'changes-requested';

export const reviewStateOf = (decision: ReviewDecision | undefined): ReviewState =>
  decision === undefined ? 'none' : decision === 'approve' ? 'approved' : 'changes-requested';

/** Digits of a version (or revision) number in the table's keys: versions run from 1 to MAX_VERSION. */
export const VERSION_DIGITS = 6;
export const MAX_VERSION = 10 ** VERSION_DIGITS - 1;
