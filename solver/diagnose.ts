/**
 * Infeasibility in the planner's words. Regions and spacing windows that no
 * choice can satisfy are caught while the model is built; without budgets every
 * other model is feasible (cover every candidate at once), so when the engine
 * proves infeasibility the budgets are the cause. This says which, and by how much.
 */
import { solveWithHighs, type Highs } from './engines/highs.js';
import { fmtMoney, type Model } from './model.js';
import type { Problem } from './normalize.js';

export function diagnoseBudgets(problem: Problem, model: Model, highs: Highs, seconds: number): string[] {
  const budgetRows = model.rows.filter((r) => r.kind === 'budget');
  const others = model.rows.filter((r) => r.kind !== 'budget');
  const out: string[] = [];
  const per = Math.max(0.5, seconds / Math.max(1, budgetRows.length + 1));
  // Cumulative spending floor: the least that phases up to t must spend, all budgets before t respected.
  for (const row of budgetRows) {
    const t = row.phase;
    const phase = problem.phases[t]!;
    const spendT = model.columns.map((c) => (c.phase <= t ? c.traj.capex[t]! : 0));
    const earlier = budgetRows.filter((r) => r.phase < t);
    const res = solveWithHighs(highs, { ...model, offset: model.fixedCapex[t]!, columns: model.columns.map((c, j) => ({ ...c, cost: spendT[j]! })), rows: [...others, ...earlier] }, {
      timeLimitSeconds: per,
      relGap: 1e-6,
    });
    const least = res.status === 'optimal' ? res.objective : res.bound;
    if (least !== null && least > phase.budget! + 1e-6) {
      const verb = earlier.length > 0 ? ' (with the earlier budgets kept)' : '';
      out.push(`phase ${phase.id} needs at least ${fmtMoney(least)}${verb} but its budget is ${fmtMoney(phase.budget!)}`);
      break;
    }
  }
  if (out.length === 0) {
    const ids = budgetRows.map((r) => problem.phases[r.phase]!.id).join(', ');
    out.push(`the budgets of phases ${ids} cannot all be met together with the coverage and spacing targets`);
  }
  return out;
}
