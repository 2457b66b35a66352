/**
 * What each build decision costs (SPEC sections 2 and 4). For a site and a build
 * phase t0 the pile trajectory is fixed - piles once installed stay - so every
 * decision is one column with a known spending per phase.
 */
import type { NSite, Problem } from './normalize.js';

export interface Trajectory {
  /** Piles in service per phase. */
  piles: number[];
  /** Undiscounted spending per phase (0 before the build phase). */
  capex: number[];
  /** need - piles when positive, per phase (0 before the build phase). */
  shortfall: number[];
  /** Σ capex(t) × discount(t). */
  discounted: number;
}

/**
 * Pile and spending trajectory of a site built in phase t0 (existing-covered
 * sites use t0 = 0 and pay no site cost); t0 = -1 means never covered.
 */
export function trajectory(problem: Problem, site: NSite, need: number[], t0: number): Trajectory {
  const T = problem.phases.length;
  const { perPile, gridPerKw } = problem.costs;
  const pileKw = problem.assumptions.pileKw;
  const grid = (p: number): number => Math.max(0, p * pileKw - site.gridKw);
  const piles = new Array<number>(T).fill(site.existingPiles);
  const capex = new Array<number>(T).fill(0);
  const shortfall = new Array<number>(T).fill(0);
  let discounted = 0;
  if (t0 < 0) return { piles, capex, shortfall, discounted };
  let prev = site.existingPiles;
  for (let t = t0; t < T; t++) {
    const p = Math.max(site.existingPiles, prev, Math.min(need[t]!, site.cap));
    let spend = perPile * (p - prev) + gridPerKw * (grid(p) - grid(prev));
    if (t === t0 && site.kind !== 'existing') spend += site.siteCost;
    piles[t] = p;
    capex[t] = spend;
    shortfall[t] = Math.max(0, need[t]! - p);
    discounted += spend * problem.discount[t]!;
    prev = p;
  }
  return { piles, capex, shortfall, discounted };
}
