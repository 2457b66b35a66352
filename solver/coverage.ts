import type { SitePlan } from './types.js';

/**
 * covered(s, t) of SPEC section 3, read off a plan: an existing-covered site is
 * covered in every phase, a built one from its build phase on, a never-covered
 * one in none. `phaseIds` are the plan's phases in order. The one definition the
 * exports, the API's downloads and the web app's figures share.
 */
export function isCoveredIn(site: Pick<SitePlan, 'buildPhase'> | undefined, phaseId: string, phaseIds: readonly string[]): boolean {
  if (!site || site.buildPhase === null) return false;
  if (site.buildPhase === 'existing') return true;
  const built = phaseIds.indexOf(site.buildPhase);
  return built >= 0 && built <= phaseIds.indexOf(phaseId);
}
