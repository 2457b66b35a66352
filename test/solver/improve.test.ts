/**
 * The local search that polishes an engine's plan: it never breaks a row of the
 * model, never raises the cost, and finds the exchanges of two sites that no
 * single move can make.
 */
import { describe, expect, it } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { assignmentFromColumns, evaluate } from '../../solver/assemble.js';
import { improve } from '../../solver/improve.js';
import { buildModel, type Model } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';

const cost = (model: Model, x: number[]): number => x.reduce((sum, v, j) => sum + v * model.columns[j]!.cost, 0);

/** A model by hand: two sites, one phase, one of them must be covered. */
function twoSites(): Model {
  const column = (site: number, cost: number) => ({ site, phase: 0, cost, traj: { piles: [2], capex: [cost], shortfall: [0], discounted: cost } });
  return {
    columns: [column(0, 10), column(1, 6)],
    rows: [
      { kind: 'choice', cols: [0], coefs: [1], lower: 0, upper: 1, phase: -1, label: 'site a' },
      { kind: 'choice', cols: [1], coefs: [1], lower: 0, upper: 1, phase: -1, label: 'site b' },
      { kind: 'coverage', cols: [0, 1], coefs: [1, 1], lower: 1, upper: Infinity, phase: 0, label: 'region r' },
    ],
    firstColumn: [0, 1],
    offset: 0,
    fixedCapex: [0],
    fixed: new Map(),
    required: [[1]],
    diagnosis: [],
    warnings: [],
  };
}

describe('local search on a plan', () => {
  it('swaps a dear site for a cheaper one when neither move alone keeps the region covered', () => {
    // Prepare
    const model = twoSites();

    // Act
    const { x, gained } = improve(model, [1, 0]);

    // Assess
    expect(x).toEqual([0, 1]);
    expect(gained).toBe(-4);
  });

  it('leaves a plan alone when no move of one or two sites pays', () => {
    const model = twoSites();

    const { x, gained } = improve(model, [0, 1]);

    expect(x).toEqual([0, 1]);
    expect(gained).toBe(0);
  });

  it.each([
    [4, 120, 0.05],
    [5, 200, 0.04],
  ])('keeps every constraint and never raises the cost on a generated province (seed %i, %i sites)', (seed, sites, discountRate) => {
    // Prepare: a feasible but poor plan: every candidate built in the first phase, no budgets.
    const dataset = generateProvince({ seed, sites, budget: 'none', discountRate });
    const problem = normalize(dataset);
    const sizing = sizeProblem(problem);
    const model = buildModel(problem, sizing);
    const start = model.columns.map((c) => (c.phase === 0 ? 1 : 0));
    expect(evaluate(problem, sizing, model, assignmentFromColumns(problem, model, start)).violations).toEqual([]);

    // Act
    const { x, gained } = improve(model, start);

    // Assess
    const after = evaluate(problem, sizing, model, assignmentFromColumns(problem, model, x));
    expect(after.violations).toEqual([]);
    expect(gained).toBeLessThan(0);
    expect(cost(model, x)).toBeCloseTo(cost(model, start) + gained, 3);
  });

  it('stops at a deadline that has passed with a plan that still keeps every constraint', () => {
    // Prepare: the same poor start on a province large enough to need many checks.
    const dataset = generateProvince({ seed: 5, sites: 200, budget: 'none', discountRate: 0.04 });
    const problem = normalize(dataset);
    const sizing = sizeProblem(problem);
    const model = buildModel(problem, sizing);
    const start = model.columns.map((c) => (c.phase === 0 ? 1 : 0));
    const unhurried = improve(model, start);

    // Act
    const hurried = improve(model, start, undefined, Date.now() - 1);

    // Assess
    expect(unhurried.stopped).toBe(false);
    expect(hurried.stopped).toBe(true);
    expect(evaluate(problem, sizing, model, assignmentFromColumns(problem, model, hurried.x)).violations).toEqual([]);
    expect(hurried.gained).toBeGreaterThan(unhurried.gained);
    expect(cost(model, hurried.x)).toBeCloseTo(cost(model, start) + hurried.gained, 3);
  });
});
