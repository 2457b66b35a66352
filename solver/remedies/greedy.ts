/**
 * A first plan for the best plan within the budgets (SPEC 7.1), so the search
 * starts from a good incumbent rather than the empty plan. Every rule is monotone
 * in the covered sites, so covering more never unmeets a rule: rules are taken
 * cheapest first (their least spending, cuts.ts), each met with its cheapest
 * missing candidates when the budgets still hold; then the unmet coverage rules'
 * shortfall is cut one candidate at a time while the budgets hold.
 */
import type { Assignment } from '../assemble.js';
import { trajectory } from '../costing.js';
import { leastSpacing, leastSpending } from './cuts.js';
import { coveredBy, type RemedyContext } from './plan.js';
import { coveredCount, ruleMet, type Rule } from './rules.js';

export function greedyPlan(ctx: RemedyContext, fixedCapex: number[]): Assignment {
  const { problem, sizing, rules } = ctx;
  const assign: Assignment = problem.sites.map(() => -1);
  const capex = [...fixedCapex];
  const trajs = new Map<string, number[]>();
  const capexOf = (i: number, k: number): number[] => {
    const key = `${i}:${k}`;
    let c = trajs.get(key);
    if (!c) trajs.set(key, (c = trajectory(problem, problem.sites[i]!, sizing[i]!.need, k).capex));
    return c;
  };
  const through = (i: number, t: number): number => capexOf(i, t).slice(0, t + 1).reduce((a, b) => a + b, 0);
  const keeps = (): boolean => problem.phases.every((p, t) => p.budget === undefined || capex[t]! <= p.budget);
  const move = (i: number, k: number): void => {
    const old = assign[i]!;
    if (old >= 0) capexOf(i, old).forEach((v, t) => (capex[t]! -= v));
    capexOf(i, k).forEach((v, t) => (capex[t]! += v));
    assign[i] = k;
  };
  /** Covers the sites by phase t (earlier builds stay); undoes it all when a budget breaks. */
  const tryCover = (sites: number[], t: number): boolean => {
    const before = sites.map((i) => assign[i]!);
    sites.forEach((i) => (assign[i]! < 0 || assign[i]! > t) && move(i, t));
    if (keeps()) return true;
    sites.forEach((i, q) => (before[q]! < 0 ? undo(i) : move(i, before[q]!)));
    return false;
  };
  const undo = (i: number): void => {
    capexOf(i, assign[i]!).forEach((v, t) => (capex[t]! -= v));
    assign[i] = -1;
  };
  const covered = coveredBy(problem, assign);
  const open = (i: number, t: number): boolean => problem.sites[i]!.kind === 'candidate' && !covered(i, t);
  const cheapest = (sites: number[], t: number): number[] => sites.filter((i) => open(i, t)).sort((a, b) => through(a, t) - through(b, t) || a - b);

  /** The sites that would meet the rule now (empty when it is met). */
  const toMeet = (rule: Rule): number[] => {
    if (ruleMet(problem, rule, covered)) return [];
    if (rule.kind === 'required') return [rule.site];
    if (rule.kind === 'coverage') return cheapest(rule.candidates, rule.phase).slice(0, rule.required - coveredCount(problem, rule, covered));
    return rule.windows.filter((w) => !w.some((i) => covered(i, rule.phase))).map((w) => cheapest(w, rule.phase)[0]!);
  };
  const least = (rule: Rule): number =>
    rule.kind === 'coverage' ? leastSpending(problem, sizing, rule) : rule.kind === 'spacing' ? leastSpacing(problem, sizing, rule) : through(rule.site, rule.phase);
  const order = rules
    .map((rule, q) => ({ rule, q, least: rule.impossible ? Infinity : least(rule) }))
    .filter((r) => r.least < Infinity)
    .sort((a, b) => a.least - b.least || a.q - b.q);
  if (!keeps()) return assign;
  for (const { rule } of order) {
    const sites = toMeet(rule);
    if (sites.length > 0 && [...new Set(sites)].length === sites.length) tryCover(sites, rule.phase);
  }
  for (const { rule } of order) {
    if (rule.kind !== 'coverage') continue;
    for (const i of toMeet(rule)) if (!tryCover([i], rule.phase)) break;
  }
  return assign;
}
