/**
 * Reduced-cost fixing before a proof: columns the LP's duals price out of every
 * plan cheaper than a known one are left out of the MILP, and the proof runs on
 * what is left.
 *
 * The argument, in the cumulative form (y[s,t] = "covered by phase t", 0 <= y <= 1):
 * for any row prices pi with the sign of their row's bound (pi_i >= 0 on a row's
 * lower bound, <= 0 on its upper one), every plan y satisfies
 *     cost(y) >= L + sum_j |d_j| * [y_j differs from the value that minimises d_j y_j]
 * where d = c - A'pi and L = offset + sum_i pi_i side_i + sum_j min(0, d_j) is the
 * Lagrangian bound. The prices are HiGHS' LP duals, clipped to the right sign; the
 * bound is recomputed here from them, so it holds whatever the LP's accuracy (a poor
 * price only makes it weaker). A plan that sets y_j the other way costs at least
 * L + |d_j|; when that is above the cost of a plan in hand, y_j is fixed. Fixings of
 * a site's columns then leave an interval of phases in which it may be first
 * covered (and, when some y is fixed at 1, make it required).
 *
 * The optimum of the full model is the better of the plan in hand and the optimum
 * of the fixed one, and its bound is min(bound of the fixed model, threshold), where
 * every plan that breaks a fixing costs at least the threshold.
 */
import { cumulative } from './engines/cumulative.js';
import type { Model } from './model.js';
import { restrictRequired, type Restricted } from './restrict.js';

/**
 * The model over the columns left, with sites that must be covered made required;
 * `project` is null for a plan that breaks a fixing.
 */
export interface Fixing extends Restricted {
  /** The columns kept (by index in the full model). */
  keeps: (j: number) => boolean;
  /** Sites that must be covered: some y of theirs is fixed at 1. */
  required: ReadonlySet<number>;
  /** Columns of the cumulative form fixed at 0 or 1. */
  fixed: number;
  /** The Lagrangian bound of the duals. */
  bound: number;
  /** Every plan that breaks a fixing costs at least this; Infinity when nothing was fixed. */
  threshold: number;
  /** True when the fixings contradict each other: no plan cheaper than the cutoff exists. */
  empty: boolean;
}

/**
 * The Lagrangian bound of row prices `rowDual` (in the cumulative form's row order,
 * as HiGHS returns them for its LP relaxation) and the reduced costs it is made of.
 */
export function lagrangian(model: Model, rowDual: ArrayLike<number>): { bound: number; reduced: Float64Array } {
  const prog = cumulative(model).program;
  const reduced = Float64Array.from(prog.cost);
  let bound = prog.offset;
  prog.rows.forEach((r, i) => {
    let pi = rowDual[i] ?? 0;
    if (pi > 0 && !Number.isFinite(r.lower)) pi = 0;
    if (pi < 0 && !Number.isFinite(r.upper)) pi = 0;
    if (pi === 0) return;
    bound += pi * (pi > 0 ? r.lower : r.upper);
    for (let q = 0; q < r.cols.length; q++) reduced[r.cols[q]!]! -= pi * r.coefs[q]!;
  });
  // Every column of the cumulative form lies in [0, 1].
  for (let j = 0; j < reduced.length; j++) bound += Math.min(0, reduced[j]!);
  return { bound, reduced };
}

/**
 * The model with every column fixed that no plan cheaper than `cutoff` can use
 * otherwise; `margin` is added to the cutoff against rounding in the sums.
 */
export function fixByReducedCost(model: Model, rowDual: ArrayLike<number>, cutoff: number, margin = 1e-9 * Math.abs(cutoff) + 1e-6): Fixing {
  const { bound, reduced } = lagrangian(model, rowDual);
  const limit = cutoff + margin;
  // Per site: the last column fixed at 0 (y = 0 up to it) and the first fixed at 1.
  const lastZero = new Map<number, number>();
  const firstOne = new Map<number, number>();
  let fixed = 0;
  let threshold = Infinity;
  model.columns.forEach((c, j) => {
    const d = reduced[j]!;
    if (d === 0 || bound + Math.abs(d) <= limit) return;
    fixed++;
    threshold = Math.min(threshold, bound + Math.abs(d));
    if (d > 0) lastZero.set(c.site, j);
    else if (!firstOne.has(c.site)) firstOne.set(c.site, j);
  });
  let empty = false;
  for (const [site, one] of firstOne) if ((lastZero.get(site) ?? -1) >= one) empty = true;
  const keeps = (j: number): boolean => {
    const site = model.columns[j]!.site;
    return j > (lastZero.get(site) ?? -1) && j <= (firstOne.get(site) ?? Infinity);
  };
  const required = new Set(firstOne.keys());
  const sub = restrictRequired(model, keeps, required);
  return { ...sub, keeps, required, fixed, bound, threshold, empty };
}
