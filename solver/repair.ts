/**
 * A plan from the LP solution when rounding breaks the budgets (see decision note 0009).
 *
 * Rounding each site's "covered by phase t" up keeps every coverage and spacing row
 * (coverage only grows) but, where budgets bind in every phase, spends a little more
 * than some phases allow: the LP fills the later budgets to the grain with fractional
 * sites, and rounding them up moves their money earlier. The first phase usually has
 * room (the LP spends its money as late as the budgets let it). The repair moves one
 * site at a time (to another build phase, or out of the plan, or into it) while every
 * coverage, spacing and choice row holds, each step the one that buys the most
 * reduction of the budgets' excess per yuan of cost. The excess of a later phase
 * weighs more than that of an earlier one, so money pushed out of a full phase into
 * an earlier full one is progress too, and it runs back phase by phase to the phase
 * with room. Work-counted and without a clock: the same LP solution gives the same plan.
 */
import type { Model } from './model.js';
import { columnsOfSites, rowActivity, rowChanges, withinRow } from './row-changes.js';

const GAIN = 1e-9;

/** Single-site moves the repair may price (a count, not a clock). */
export const REPAIR_WORK = 3_000_000;

/**
 * The rounded-up LP solution with the budgets' excess repaired, or null when the
 * rounding breaks a row other than a budget, or the repair runs out of moves or work.
 */
export function repairRounding(model: Model, up: number[], work = REPAIR_WORK): number[] | null {
  const x = [...up];
  const act = rowActivity(model, x);
  const outside = (i: number, v: number): boolean => !withinRow(model.rows[i]!, v);
  // Only budgets may be broken at the start.
  if (model.rows.some((r, i) => r.kind !== 'budget' && outside(i, act[i]!))) return null;

  // Weight of a budget row's excess, per unit of its coefficients: the money of a unit
  // (budget rows are divided by their price grain) times the phase's rank.
  const weight = model.rows.map((r) => {
    if (r.kind !== 'budget') return 0;
    const q = r.coefs.findIndex((c) => c !== 0);
    const grain = q < 0 ? 1 : model.columns[r.cols[q]!]!.traj.capex[r.phase]! / r.coefs[q]!;
    return grain * (r.phase + 1);
  });
  const excessOf = (i: number, v: number): number => weight[i]! * Math.max(0, v - model.rows[i]!.upper);
  const budgets = model.rows.map((r, i) => (r.kind === 'budget' ? i : -1)).filter((i) => i >= 0);
  let excess = budgets.reduce((sum, i) => sum + excessOf(i, act[i]!), 0);

  const siteCols = columnsOfSites(model);
  const current = new Map<number, number>();
  for (const [s, cols] of siteCols) current.set(s, cols.find((j) => x[j] === 1) ?? -1);
  const cost = (j: number): number => (j < 0 ? 0 : model.columns[j]!.cost);

  const changes = rowChanges(model);
  const { delta } = changes;
  /** Reduction of the weighted excess by moving site from column `from` to `to`; -Infinity when another row breaks. */
  const reduction = (site: number, from: number, to: number): number => {
    let gain = 0;
    for (const row of changes.of([{ site, from, to }])) {
      const v = act[row]! + delta[row]!;
      if (model.rows[row]!.kind === 'budget') gain += excessOf(row, act[row]!) - excessOf(row, v);
      else if (outside(row, v)) return -Infinity;
    }
    return gain;
  };

  let spent = 0;
  while (excess > GAIN) {
    let best: { site: number; from: number; to: number; ratio: number } | null = null;
    for (const [s, cols] of siteCols) {
      const from = current.get(s)!;
      for (const to of [-1, ...cols]) {
        if (to === from) continue;
        if (++spent > work) return null;
        const gain = reduction(s, from, to);
        if (!(gain > GAIN)) continue;
        // Cost per unit of excess removed (a move that saves money comes first).
        const ratio = (cost(to) - cost(from)) / gain;
        if (!best || ratio < best.ratio - 1e-12) best = { site: s, from, to, ratio };
      }
    }
    if (!best) return null;
    for (const row of changes.of([best])) act[row] = act[row]! + delta[row]!;
    if (best.from >= 0) x[best.from] = 0;
    if (best.to >= 0) x[best.to] = 1;
    current.set(best.site, best.to);
    excess = budgets.reduce((sum, i) => sum + excessOf(i, act[i]!), 0);
  }
  return x;
}
