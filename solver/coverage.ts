import { builtBy } from './rules.js';
import type { SitePlan } from './types.js';

/**
 * covered(s, t) of SPEC section 3, read off a plan: an existing-covered site is
 * covered in every phase, a built one from its build phase on, a never-covered
 * one in none. `phaseIds` are the plan's phases in order. The exports and the
 * API's downloads read coverage through this; inside the solver the rule is
 * `coveredIn` of rules.ts, on phase indices.
 */
export function isCoveredIn(site: Pick<SitePlan, 'buildPhase'> | undefined, phaseId: string, phaseIds: readonly string[]): boolean {
  if (!site || site.buildPhase === null) return false;
  if (site.buildPhase === 'existing') return true;
  return builtBy(phaseIds.indexOf(site.buildPhase), phaseIds.indexOf(phaseId));
}
