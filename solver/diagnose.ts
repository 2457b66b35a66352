/**
 * Infeasibility in the planner's words. Regions and spacing windows that no
 * choice can satisfy are caught while the model is built; without budgets every
 * other model is feasible (cover every candidate at once), so when the engine
 * proves infeasibility the budgets are the cause. This says which, and by how much.
 */
import { solveWithHighs, type Highs } from './engines/highs.js';
import { msg, type MessageDetail } from './messages.js';
import type { Model } from './model.js';
import type { Problem } from './normalize.js';
import { overBudget } from './rules.js';

export function diagnoseBudgets(problem: Problem, model: Model, highs: Highs, seconds: number): MessageDetail[] {
  const budgetRows = model.rows.filter((r) => r.kind === 'budget');
  const others = model.rows.filter((r) => r.kind !== 'budget');
  const out: MessageDetail[] = [];
  const per = Math.max(0.5, seconds / Math.max(1, budgetRows.length + 1));
  // Cumulative spending floor: the least that phases up to t must spend, all budgets before t respected.
  for (const row of budgetRows) {
    const t = row.phase;
    const phase = problem.phases[t]!;
    const spendT = model.columns.map((c) => (c.phase <= t ? c.traj.capex[t]! : 0));
    const earlier = budgetRows.filter((r) => r.phase < t);
    const least = leastSpend(
      highs,
      { ...model, offset: model.fixedCapex[t]!, columns: model.columns.map((c, j) => ({ ...c, cost: spendT[j]! })), rows: [...others, ...earlier] },
      phase.budget!,
      per,
    );
    if (least !== null && overBudget(least, phase.budget!)) {
      out.push(msg('phase.overBudget', { phase: phase.id, least, earlierKept: earlier.length > 0, budget: phase.budget! }));
      break;
    }
  }
  if (out.length === 0) {
    out.push(msg('budgets.jointlyInfeasible', { phases: budgetRows.map((r) => problem.phases[r.phase]!.id) }));
  }
  return out;
}

/** Relative gap of the first, coarse search for a phase's least spending. */
const COARSE_GAP = 1e-3;

/**
 * A proven lower bound on the least the model (whose objective is a phase's spending)
 * can spend, close to that least; null when it is within the budget or unknown. The
 * search stops at the first schedule within the budget (HiGHS' objective target), or
 * once its bound is within 0.1% of its best schedule; only when the budget lies in
 * that last 0.1% does it search on to the full precision.
 */
function leastSpend(highs: Highs, model: Model, budget: number, seconds: number): number | null {
  const coarse = solveWithHighs(highs, model, { timeLimitSeconds: seconds, relGap: COARSE_GAP, highsOptions: { objective_target: budget } });
  if (coarse.status === 'infeasible') return null;
  if (coarse.objective !== null && !overBudget(coarse.objective, budget)) return null;
  if (coarse.bound !== null && overBudget(coarse.bound, budget)) return coarse.bound;
  const exact = solveWithHighs(highs, model, { timeLimitSeconds: seconds, relGap: 1e-6, highsOptions: { objective_target: budget } });
  if (exact.objective !== null && !overBudget(exact.objective, budget)) return null;
  return exact.bound;
}
