/**
 * The budget diagnosis on a province beyond the brute force: 38 sites over 6 phases
 * whose last budget cannot be met. Each phase's least spending is searched coarsely
 * first (stopping at the first schedule within the budget, or at 0.1%), so the figure
 * stated must still be a proven lower bound, above the budget and within 0.1% of the
 * exact least spending, found here by HiGHS at full precision on the same question.
 */
import { describe, expect, it } from 'vitest';
import { loadHighs, solveWithHighs } from '../../solver/engines/highs.js';
import { solvePlan } from '../../solver/index.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import { makeCase } from '../bench/families.js';

describe('the budget diagnosis', () => {
  it('states the phase that cannot keep its budget, with a true lower bound close to what it needs', async () => {
    // Prepare
    const { dataset } = await makeCase({ sites: 38, phases: 6, family: 'binding', discount: 0.05, seed: 5090 });

    // Act
    const plan = await solvePlan(dataset, { timeLimitSeconds: 120 });

    // Assess
    expect(plan.status).toBe('infeasible');
    const stated = plan.diagnosis.map((l) => /^phase (\S+) needs at least ([0-9.e+]+) \(with the earlier budgets kept\) but its budget is/.exec(l)).find((m) => m !== null);
    expect(stated, plan.diagnosis.join('\n')).toBeDefined();
    const [, phaseId, needs] = stated!;
    const problem = normalize(dataset);
    const model = buildModel(problem, sizeProblem(problem));
    const t = problem.phases.findIndex((p) => p.id === phaseId);
    const rows = model.rows.filter((r) => r.kind !== 'budget' || r.phase < t);
    const spend = model.columns.map((c) => ({ ...c, cost: c.phase <= t ? c.traj.capex[t]! : 0 }));
    const exact = solveWithHighs(await loadHighs(), { ...model, offset: model.fixedCapex[t]!, columns: spend, rows }, { timeLimitSeconds: 120, relGap: 1e-9 });
    expect(exact.status).toBe('optimal');
    const budget = problem.phases[t]!.budget!;
    // The figure is printed to 3 significant digits.
    expect(Number(needs)).toBeGreaterThan(budget);
    expect(Number(needs)).toBeLessThanOrEqual(exact.objective! * 1.005);
    expect(Number(needs)).toBeGreaterThanOrEqual(exact.objective! * 0.995);
  }, 60_000);
});
