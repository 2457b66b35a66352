import type { Dataset, Plan, SolveOptions } from './types.js';

/** Cheapest phased build-out for a valid data set (SPEC v1 sections 2-5). */
export async function solvePlan(_dataset: Dataset, _options: SolveOptions = {}): Promise<Plan> {
  throw new Error('solvePlan: not implemented yet');
}
