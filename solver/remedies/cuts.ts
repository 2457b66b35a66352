/**
 * Valid inequalities of the best plan within the budgets (SPEC 7.1) that tie the
 * coverage rules' indicators to the money. Regions are disjoint sets of service
 * areas and spending is nominal and per phase, so for every phase t whose earlier
 * phases (itself included) all have budgets:
 *
 *   Σ over coverage rules (r, t) met  least(r, t)  <=  Σ_{p<=t} (budget_p - fixed_p)
 *
 * where least(r, t) is the least spending through t that covers the rule's
 * missing service areas by t (the sum of its `need` cheapest candidates, each at
 * its cheapest build phase k <= t, site, piles and grid through t), and fixed_p
 * the spending that existing-covered sites must make whatever the plan. Only one
 * rule per region enters a row (the rules of phase t), so no spending is counted
 * twice. A rule whose least spending alone exceeds its row's room cannot be met
 * within the budgets.
 */
import { trajectory } from '../costing.js';
import type { Problem } from '../normalize.js';
import type { SiteSizing } from '../types.js';
import type { CoverageRule, Rule, SpacingRule } from './rules.js';

export interface MoneyRow {
  /** Phase index t of the row. */
  phase: number;
  /** Rule index (in the rule list) and its least spending through t. */
  terms: { rule: number; least: number }[];
  /** Σ_{p<=t} (budget_p - fixed_p). */
  room: number;
}

/** Least nominal spending through phase t of candidate i, over its build phases k <= t. */
function leastThrough(problem: Problem, sizing: SiteSizing[], i: number, t: number): number {
  let best = Infinity;
  for (let k = 0; k <= t; k++) {
    const capex = trajectory(problem, problem.sites[i]!, sizing[i]!.need, k).capex;
    best = Math.min(best, capex.slice(0, t + 1).reduce((a, b) => a + b, 0));
  }
  return best;
}

/** Least spending through its phase that meets a coverage rule (0 when existing-covered sites meet it). */
export function leastSpending(problem: Problem, sizing: SiteSizing[], rule: CoverageRule): number {
  const need = rule.required - rule.existing;
  if (need <= 0) return 0;
  const costs = rule.candidates.map((i) => leastThrough(problem, sizing, i, rule.phase)).sort((a, b) => a - b);
  return costs.slice(0, need).reduce((a, b) => a + b, 0);
}

/**
 * Least spending through its phase that meets a spacing rule: the cheapest set of
 * candidates with one in every window.
 */
export function leastSpacing(problem: Problem, sizing: SiteSizing[], rule: SpacingRule): number {
  return cheapestHitting(problem, rule.windows, (i) => leastThrough(problem, sizing, i, rule.phase)).cost;
}

/**
 * The cheapest set of sites with one in every window, for any nonnegative price
 * per site. Windows are runs of consecutive sites of one corridor, so a walk
 * along it finds the cheapest set exactly: best[j] is the cheapest set whose
 * last site is j with every window that ends before j hit.
 */
export function cheapestHitting(problem: Problem, windows: readonly (readonly number[])[], price: (site: number) => number): { cost: number; sites: number[] } {
  if (windows.length === 0) return { cost: 0, sites: [] };
  const order = [...new Set(windows.flat())].sort((a, b) => problem.sites[a]!.km - problem.sites[b]!.km || a - b);
  const pos = new Map(order.map((i, j) => [i, j]));
  const spans = windows.map((w) => ({ lo: Math.min(...w.map((i) => pos.get(i)!)), hi: Math.max(...w.map((i) => pos.get(i)!)) }));
  const cost = order.map(price);
  const missed = (from: number, to: number): boolean => spans.some((w) => w.lo > from && w.hi < to);
  const best: number[] = [];
  const prev: number[] = [];
  for (let j = 0; j < order.length; j++) {
    let b = missed(-1, j) ? Infinity : 0;
    let from = -1;
    for (let i = 0; i < j; i++) if (best[i]! < b && !missed(i, j)) (b = best[i]!), (from = i);
    best.push(cost[j]! + b);
    prev.push(from);
  }
  let last = -1;
  order.forEach((_, j) => {
    if (!spans.some((w) => w.lo > j) && (last < 0 || best[j]! < best[last]!)) last = j;
  });
  if (last < 0 || best[last] === Infinity) return { cost: Infinity, sites: [] };
  const sites: number[] = [];
  for (let j = last; j >= 0; j = prev[j]!) sites.push(order[j]!);
  return { cost: best[last]!, sites: sites.reverse() };
}

/**
 * The rows above, one per phase t with every phase up to t budgeted, over the
 * possible coverage rules with a need; `fixed` is each phase's forced spending.
 */
export function moneyRows(problem: Problem, sizing: SiteSizing[], rules: Rule[], fixed: number[]): MoneyRow[] {
  const rows: MoneyRow[] = [];
  let room = 0;
  for (const [t, p] of problem.phases.entries()) {
    if (p.budget === undefined) break;
    room += p.budget - fixed[t]!;
    const of = (kind: Rule['kind'], least: (rule: Rule) => number): void => {
      const terms = rules.flatMap((rule, q) => (rule.kind === kind && rule.phase === t && !rule.impossible ? [{ rule: q, least: least(rule) }] : []));
      const kept = terms.filter((term) => term.least > 0);
      if (kept.length > 0) rows.push({ phase: t, terms: kept, room });
    };
    of('coverage', (rule) => leastSpending(problem, sizing, rule as CoverageRule));
    of('spacing', (rule) => leastSpacing(problem, sizing, rule as SpacingRule));
    of('required', (rule) => (rule.kind === 'required' && !rule.existing ? leastThrough(problem, sizing, rule.site, t) : 0));
  }
  return rows;
}

/** A row's room with the margin the program gives it (spending figures are rounded to cents). */
export const roomOf = (row: MoneyRow): number => row.room + 1e-9 * Math.abs(row.room) + 0.01;

/**
 * Bounds of the first two figures of SPEC 7.1 found without a search. Rules met:
 * a money row admits at most as many of its rules as their least spendings,
 * cheapest first, fit in its room (a knapsack of counts, exact by sorting); a
 * rule in no row may be met, an impossible one never. Shortfall: an impossible
 * coverage rule misses at least the service areas its region lacks. A plan that
 * reaches both bounds is the best within the budgets by those two figures.
 */
export function figuresBound(rules: Rule[], rows: MoneyRow[]): { rulesMet: number; shortfall: number } {
  const inRow = new Set(rows.flatMap((row) => row.terms.map((term) => term.rule)));
  let rulesMet = rules.filter((rule, q) => !rule.impossible && !inRow.has(q)).length;
  for (const row of rows) {
    let spent = 0;
    for (const least of row.terms.map((term) => term.least).sort((a, b) => a - b)) {
      if (spent + least > roomOf(row)) break;
      spent += least;
      rulesMet++;
    }
  }
  const shortfall = rules.reduce((sum, r) => sum + (r.kind === 'coverage' && r.impossible ? Math.max(0, r.required - r.existing - r.candidates.length) : 0), 0);
  return { rulesMet, shortfall };
}

