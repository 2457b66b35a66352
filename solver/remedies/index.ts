/**
 * What it would take (SPEC section 7): the remedies of an infeasible plan,
 * computed on the same problem, each within the plan's time limit.
 */
import type { Highs } from '../engines/highs.js';
import type { Model } from '../model.js';
import type { Problem } from '../normalize.js';
import type { Remedies, SiteSizing } from '../types.js';
import { forcedSpending } from './builds.js';
import { extraBudget } from './extra-budget.js';
import { greedyPlan } from './greedy.js';
import { newSites } from './new-sites.js';
import { listRules } from './rules.js';
import { withinBudget } from './within-budget.js';

export { countRules, listRules, type Rule } from './rules.js';

/**
 * The three remedies. The least extra money (a plain planning problem with the
 * budgets softened, usually fast) runs first, with at most half of the time left
 * before `deadline` (epoch ms); the best plan within the budgets (anytime, its
 * first stage hard) takes the rest. `gap` is the planner's optimality rule.
 */
export function findRemedies(problem: Problem, sizing: SiteSizing[], model: Model, highs: Highs, deadline: number, gap: number): Remedies {
  const rules = listRules(problem);
  const ctx = { problem, sizing, model, rules, deadline, gap };
  const seconds = (): number => Math.max(0.1, (deadline - Date.now()) / 1000);
  // One greedy plan within the budgets (greedy.ts) starts both: it proves 7.2's least
  // extra money (0) when it meets every rule that is not impossible.
  const fixed = forcedSpending(problem, sizing);
  const first = greedyPlan(ctx, fixed);
  const half = seconds() / 2;
  const extra = extraBudget({ ...ctx, deadline: Math.min(deadline, Date.now() + half * 1000) }, highs, half, first);
  const within = withinBudget(ctx, highs, seconds(), first);
  return { withinBudget: within, extraBudget: extra, newSites: newSites(problem, rules) };
}
