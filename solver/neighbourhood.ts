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
import { rowActivity, withinRow } from './row-changes.js';

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

/** True when the 0/1 column values satisfy every row of the model. */
export function satisfies(model: Model, x: number[]): boolean {
  const act = rowActivity(model, x);
  return model.rows.every((r, i) => withinRow(r, act[i]!));
}

/**
 * The LP solution rounded to a plan, when a rounding holds: each site's "covered by
 * phase t" rounded up (coverage and spacing rows then still hold; budgets may not),
 * else rounded down. A plan at once, within a hair of the LP bound when it holds.
 */
export function roundLp(model: Model, lpX: number[]): number[] | null {
  for (const round of [Math.ceil, Math.floor]) {
    const x = roundCovered(model, lpX, round);
    if (satisfies(model, x)) return x;
  }
  return null;
}

/** 0/1 column values of each site's LP "covered by phase t" rounded up (Math.ceil) or down (Math.floor). */
export function roundCovered(model: Model, lpX: number[], round: (v: number) => number): number[] {
  const x = new Array<number>(model.columns.length).fill(0);
  let covered = 0;
  let prevSite = -1;
  let prevY = 0;
  model.columns.forEach((c, j) => {
    if (c.site !== prevSite) (covered = 0), (prevY = 0), (prevSite = c.site);
    covered += lpX[j] ?? 0;
    const y = Math.min(1, round(covered - (round === Math.ceil ? INTEGRAL : -INTEGRAL)));
    x[j] = y > prevY ? 1 : 0;
    prevY = Math.max(prevY, y);
  });
  return x;
}

/**
 * True when the LP solution spends every budget of the phases after the first to its
 * limit: the class of provinces whose proofs are packing puzzles over all phases at
 * once (decision note 0005), where the local search finds plans HiGHS' search does not.
 */
export function laterBudgetsBind(model: Model, lpX: number[]): boolean {
  const later = model.rows.filter((r) => r.kind === 'budget' && r.phase > 0);
  return (
    later.length > 0 &&
    later.every((r) => {
      let v = 0;
      for (let q = 0; q < r.cols.length; q++) v += r.coefs[q]! * (lpX[r.cols[q]!] ?? 0);
      return v >= r.upper - INTEGRAL * Math.max(1, Math.abs(r.upper));
    })
  );
}
