/**
 * A first plan for the best plan within the budgets (SPEC 7.1), so the search
 * starts from a good incumbent rather than the empty plan. Every rule is monotone
 * in the covered sites, so covering more never unmeets a rule. Rules are met one
 * at a time, each step taking the unmet rule that is cheapest to meet from where
 * the plan stands (sites already covered are free, a site covered later costs its
 * move to an earlier phase), as long as every budget holds; a step's price per
 * rule counts every rule it meets, so a site that serves a region and a corridor
 * pays once. Then the unmet coverage rules' shortfall is cut one candidate at a
 * time while the budgets hold. Money is priced two ways (nominal, and as a share
 * of each phase's room, which favours the phase with money to spare); the better
 * of the two plans is the start.
 */
import type { Assignment } from '../assemble.js';
import { trajectory } from '../costing.js';
import { cheapestHitting } from './cuts.js';
import { allMet, coveredBy, shortfallOf, type RemedyContext } from './plan.js';
import { coveredCount, ruleMet, type Rule } from './rules.js';

/** Options a step compares, beyond the cheapest: each is checked for the other rules it meets. */
const LOOKED_AT = 6;

export function greedyPlan(ctx: RemedyContext, fixedCapex: number[]): Assignment {
  const { problem } = ctx;
  const room = problem.phases.map((p, t) => (p.budget === undefined ? Infinity : p.budget - fixedCapex[t]!));
  const nominal = problem.phases.map(() => 1);
  const scarce = room.map((r) => (r === Infinity ? 0 : 1 / Math.max(r, 1)));
  const plans = [nominal, scarce].map((weight) => greedyWith(ctx, fixedCapex, weight));
  const figures = (a: Assignment): [number, number] => [allMet(ctx, a).filter(Boolean).length, shortfallOf(ctx, a)];
  const scored = plans.map((a) => ({ a, f: figures(a) }));
  scored.sort((x, y) => y.f[0] - x.f[0] || x.f[1] - y.f[1]);
  return scored[0]!.a;
}

/** The greedy plan with money of phase t priced at weight[t] per unit. */
function greedyWith(ctx: RemedyContext, fixedCapex: number[], weight: number[]): Assignment {
  const { problem, sizing, rules } = ctx;
  const T = problem.phases.length;
  const assign: Assignment = problem.sites.map(() => -1);
  const capex = [...fixedCapex];
  const trajs = new Map<number, number[][]>();
  const capexOf = (i: number, k: number): number[] => {
    let c = trajs.get(i);
    if (!c) trajs.set(i, (c = problem.phases.map((_, q) => trajectory(problem, problem.sites[i]!, sizing[i]!.need, q).capex)));
    return c[k]!;
  };
  const keeps = (spend: number[]): boolean => problem.phases.every((p, t) => p.budget === undefined || spend[t]! <= p.budget);
  if (!keeps(capex)) return assign;
  const covered = coveredBy(problem, assign);
  /** Spending change per phase of covering each site by phase t (sites covered by t already cost nothing). */
  const delta = (sites: readonly number[], t: number): number[] => {
    const d = new Array<number>(T).fill(0);
    for (const i of sites) {
      const k = assign[i]!;
      if (k >= 0 && k <= t) continue;
      capexOf(i, t).forEach((v, q) => (d[q]! += v));
      if (k >= 0) capexOf(i, k).forEach((v, q) => (d[q]! -= v));
    }
    return d;
  };
  const price = (d: number[]): number => d.reduce((sum, v, q) => sum + v * weight[q]!, 0);
  const fits = (d: number[]): boolean => keeps(capex.map((v, q) => v + d[q]!));
  const cover = (sites: readonly number[], t: number): void => {
    const d = delta(sites, t);
    capex.forEach((_, q) => (capex[q]! += d[q]!));
    for (const i of sites) if (assign[i]! < 0 || assign[i]! > t) assign[i] = t;
  };
  const open = (i: number, t: number): boolean => problem.sites[i]!.kind === 'candidate' && !covered(i, t);
  const sitePrice = (i: number, t: number): number => price(delta([i], t));

  /** The cheapest sites that would meet the rule from here (null: it cannot be met). */
  const toMeet = (rule: Rule): number[] | null => {
    if (rule.kind === 'required') return open(rule.site, rule.phase) ? [rule.site] : null;
    if (rule.kind === 'coverage') {
      const more = rule.required - coveredCount(problem, rule, covered);
      const sites = rule.candidates.filter((i) => open(i, rule.phase));
      if (sites.length < more) return null;
      return sites.map((i) => ({ i, p: sitePrice(i, rule.phase) })).sort((a, b) => a.p - b.p || a.i - b.i).slice(0, more).map((s) => s.i);
    }
    const unhit = rule.windows.filter((w) => !w.some((i) => covered(i, rule.phase)));
    const hit = cheapestHitting(problem, unhit, (i) => Math.max(0, sitePrice(i, rule.phase)));
    return hit.cost === Infinity ? null : hit.sites;
  };

  // The rules each site may change, so a step re-prices and re-checks only those.
  const touching = problem.sites.map(() => [] as number[]);
  rules.forEach((rule, q) => {
    const sites = rule.kind === 'coverage' ? rule.candidates : rule.kind === 'spacing' ? [...new Set(rule.windows.flat())] : [rule.site];
    for (const i of sites) touching[i]!.push(q);
  });
  const rulesOf = (sites: readonly number[]): number[] => [...new Set(sites.flatMap((i) => touching[i]!))];
  const met = allMet(ctx, assign);
  type Option = { sites: number[]; phase: number; d: number[]; p: number; q: number };
  const optionOf = (q: number): Option | null => {
    const rule = rules[q]!;
    if (met[q] || rule.impossible) return null;
    const sites = toMeet(rule);
    // No sites to add (windows and gaps disagree at a tolerance): a step would not move, so none.
    if (!sites || sites.length === 0) return null;
    const d = delta(sites, rule.phase);
    return { sites, phase: rule.phase, d, p: price(d), q };
  };
  const options = rules.map((_, q) => optionOf(q));
  for (;;) {
    const cheapest = options
      .filter((o): o is Option => o !== null && fits(o.d))
      .sort((a, b) => a.p - b.p || a.q - b.q)
      .slice(0, LOOKED_AT);
    if (cheapest.length === 0) break;
    // Each option's rules met, counted by trying it on the rules its sites touch.
    const gains = cheapest.map((o) => {
      const before = o.sites.map((i) => assign[i]!);
      const capexBefore = capex.slice();
      cover(o.sites, o.phase);
      const gain = rulesOf(o.sites).filter((q) => !met[q] && ruleMet(problem, rules[q]!, covered)).length;
      o.sites.forEach((i, n) => (assign[i] = before[n]!));
      capexBefore.forEach((v, q) => (capex[q] = v));
      return gain;
    });
    const pick = cheapest.map((o, n) => ({ o, per: Math.max(0, o.p) / Math.max(1, gains[n]!) })).sort((a, b) => a.per - b.per || a.o.q - b.o.q)[0]!.o;
    cover(pick.sites, pick.phase);
    const changed = rulesOf(pick.sites);
    for (const q of changed) met[q] = ruleMet(problem, rules[q]!, covered);
    for (const q of changed) options[q] = optionOf(q);
  }

  // The shortfall: one more candidate of an unmet coverage rule at a time, cheapest first.
  for (;;) {
    let best: { i: number; t: number; p: number } | null = null;
    rules.forEach((rule, q) => {
      if (rule.kind !== 'coverage' || met[q]) return;
      for (const i of rule.candidates) {
        if (!open(i, rule.phase)) continue;
        const d = delta([i], rule.phase);
        const p = price(d);
        if (fits(d) && (best === null || p < best.p)) best = { i, t: rule.phase, p };
      }
    });
    if (best === null) break;
    const { i, t } = best;
    cover([i], t);
    for (const q of touching[i]!) met[q] = ruleMet(problem, rules[q]!, covered);
  }
  return assign;
}
