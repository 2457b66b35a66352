/**
 * The neighbourhood of the LP solution, searched before the full MILP. Under
 * binding budgets the relaxation is nearly integral (typically one site is
 * fractional: it fills a budget to the last yuan) and the optimum usually builds
 * the same sites within a phase of where the LP builds them. A MILP over those
 * columns only (every column of a fractional or unbuilt site, the LP's phase
 * and the phases either side of it for the others) is a fraction of the full
 * one, and its best plan is often the optimum itself: then the LP bound proves it
 * and no branch-and-bound on the full model is needed; otherwise it is the start
 * of the full search.
 */
import type { Model } from './model.js';

const INTEGRAL = 1e-6;

/** Columns kept for the LP neighbourhood: a predicate over the model's column indices. */
export function nearLp(model: Model, lpX: number[]): (j: number) => boolean {
  const free = new Set<number>();
  const lpPhase = new Map<number, number>();
  model.columns.forEach((c, j) => {
    const v = lpX[j] ?? 0;
    if (Math.abs(v - Math.round(v)) > INTEGRAL) free.add(c.site);
    else if (v > 0.5) lpPhase.set(c.site, c.phase);
  });
  return (j) => {
    const c = model.columns[j]!;
    const k = lpPhase.get(c.site);
    return free.has(c.site) || k === undefined || Math.abs(c.phase - k) <= 1;
  };
}
