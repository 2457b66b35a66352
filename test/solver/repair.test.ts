/**
 * The LP rounding with the budgets repaired (solver/repair.ts, decision note 0009):
 * on provinces whose budgets bind in every phase the rounding up overspends some
 * phases; the repair makes a plan of it that the plan checker accepts, the same plan
 * every time, and the solve passes it on as its first plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assignmentFromColumns, evaluate } from '../../solver/assemble.js';
import { loadHighs, solveWithHighs } from '../../solver/engines/highs.js';
import { buildModel } from '../../solver/model.js';
import { roundCovered, satisfies } from '../../solver/neighbourhood.js';
import { normalize } from '../../solver/normalize.js';
import { repairRounding } from '../../solver/repair.js';
import { sizeProblem } from '../../solver/sizing.js';
import { solvePlan, type Dataset, type SolveProgress } from '../../solver/index.js';

const hard = (name: string): Dataset => JSON.parse(readFileSync(join('test', 'bench', 'cases', 'hard', `${name}.json`), 'utf8')) as Dataset;

async function setUp(name: string) {
  const problem = normalize(hard(name));
  const sizing = sizeProblem(problem);
  const model = buildModel(problem, sizing);
  const lp = solveWithHighs(await loadHighs(), model, { timeLimitSeconds: 60, relGap: 1e-6, relaxation: true });
  const cost = (x: number[]): number => model.offset + x.reduce((sum, v, j) => sum + v * model.columns[j]!.cost, 0);
  return { problem, sizing, model, lpX: lp.x!, lpBound: lp.objective!, cost };
}

describe('the LP rounding with the budgets repaired', () => {
  it.each(['tight-600x5-s1107', 'tight-300x6-s1110', 'tight-150x6-s1106'])('%s: a plan the checker accepts, near the LP bound', async (name) => {
    const { problem, sizing, model, lpX, lpBound, cost } = await setUp(name);
    const up = roundCovered(model, lpX, Math.ceil);
    // The rounding up breaks a budget (and only budgets): this is the case the repair is for.
    const broken = model.rows.filter((r) => !satisfies({ ...model, rows: [r] }, up));
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.every((r) => r.kind === 'budget')).toBe(true);

    const x = repairRounding(model, up)!;
    expect(x).not.toBeNull();
    expect(satisfies(model, x)).toBe(true);
    expect(evaluate(problem, sizing, model, assignmentFromColumns(problem, model, x)).violations).toEqual([]);
    expect(cost(x)).toBeGreaterThanOrEqual(lpBound - 1e-6 * Math.abs(lpBound));
    expect((cost(x) - lpBound) / cost(x)).toBeLessThan(1e-2);
    // Work-counted: the same rounding gives the same plan.
    expect(repairRounding(model, up)).toEqual(x);
  }, 60_000);

  it('gives up on a rounding that breaks a row other than a budget', async () => {
    const { model, lpX } = await setUp('tight-300x6-s1110');
    const none = new Array<number>(model.columns.length).fill(0);
    expect(satisfies(model, none)).toBe(false);
    expect(repairRounding(model, none)).toBeNull();
    // And on one whose work runs out before the budgets hold.
    expect(repairRounding(model, roundCovered(model, lpX, Math.ceil), 10)).toBeNull();
  }, 60_000);

  it('is the solve\'s first plan on a province whose budgets bind in every phase', async () => {
    const events: SolveProgress[] = [];
    const plan = await solvePlan(hard('tight-300x6-s1110'), { timeLimitSeconds: 3, onProgress: (p) => events.push(p) });
    const first = events.find((p) => p.incumbent != null)!;
    expect(first.message).toBe('LP solution rounded within the budgets');
    const early = first.incumbentPlan!()!;
    expect(early.status).toBe('feasible');
    // The plan as stored defers builds where that is free or cheaper: never dearer than reported.
    expect(early.objective!).toBeLessThanOrEqual(first.incumbent! + 1e-6);
    expect(early.bound).not.toBeNull();
    // The solve's answer is no worse than its first plan.
    expect(plan.objective!).toBeLessThanOrEqual(early.objective!);
  }, 120_000);

  it('is the proven answer when, polished, it meets the LP bound: no search runs after it', async () => {
    const file = join('test', 'bench', 'cases', 'even-budgets-1200.json');
    const dataset = JSON.parse(readFileSync(file, 'utf8')) as Dataset;
    const events: SolveProgress[] = [];
    const plan = await solvePlan(dataset, { timeLimitSeconds: 60, onProgress: (p) => events.push(p) });
    expect(plan.status).toBe('optimal');
    expect(plan.stats.engine).toBe('highs-lp+repair');
    // Within the gap of the LP bound, computed here on its own (an optimal plan states its own cost as its bound).
    const problem = normalize(dataset);
    const model = buildModel(problem, sizeProblem(problem));
    const lp = solveWithHighs(await loadHighs(), model, { timeLimitSeconds: 60, relGap: 1e-6, relaxation: true });
    expect((plan.objective! - lp.objective!) / plan.objective!).toBeLessThanOrEqual(1e-6);
    // The last plan passed on is the polished rounding: the neighbourhood's searches never ran.
    const plans = events.filter((p) => p.stage === 'search' && p.incumbent != null).map((p) => p.message);
    expect(plans.at(-1)).toBe('rounding within the budgets polished');
  }, 120_000);
});
