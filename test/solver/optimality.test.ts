/**
 * Optimality is tested, not assumed: on many tiny seeded data sets the planner's
 * status and objective must equal the brute force of the independent reference
 * (test/solver/reference.ts), and every figure of its plan must agree with the
 * reference's reading of the plan's own build phases.
 */
import { describe, expect, it } from 'vitest';
import { solvePlan, validateDataset } from '../../solver/index.js';
import { bruteForceDetail, close, planDiscrepancies, tinyDataset } from './reference.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i + 1);
// Grid data sets: kms on whole tens, spacing windows ending exactly on sites, targets in
// tenths, budgets equal to a schedule's spending: the tolerances of SPEC sections 3 and 5.
const GRID_SEEDS = Array.from({ length: 120 }, (_, i) => i + 1);
// Odd prices: no common price grain, money in cents, budgets equal to a schedule's spending.
const ODD_SEEDS = Array.from({ length: 100 }, (_, i) => i + 1);
const REL = 1e-6;

describe('solvePlan on tiny random data sets', () => {
  it('draws valid data sets of which a fair share is feasible', () => {
    // Prepare / Act
    const datasets = [
      ...SEEDS.map((s) => tinyDataset(s)),
      ...GRID_SEEDS.map((s) => tinyDataset(s, { grid: true })),
      ...ODD_SEEDS.map((s) => tinyDataset(s, { oddPrices: true })),
    ];
    const feasible = datasets.filter((d) => bruteForceDetail(d) !== null).length;

    // Assess
    for (const d of datasets) expect(validateDataset(d)).toMatchObject({ ok: true });
    expect(feasible).toBeGreaterThan(datasets.length / 2);
    expect(feasible).toBeLessThan(datasets.length);
  });

  const cases = [
    ...SEEDS.map((seed) => ({ name: `seed ${seed}`, seed, options: {} })),
    ...GRID_SEEDS.map((seed) => ({ name: `grid seed ${seed}`, seed, options: { grid: true } })),
    ...ODD_SEEDS.map((seed) => ({ name: `odd-price seed ${seed}`, seed, options: { oddPrices: true } })),
  ];

  for (const { name, seed, options } of cases) {
    it(`${name}: matches the brute force in status and objective, and its figures agree with the reference`, async () => {
      // Prepare
      const dataset = tinyDataset(seed, options);
      const best = bruteForceDetail(dataset);

      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 30 });

      // Assess
      if (best === null) {
        expect(plan.status).toBe('infeasible');
        expect(plan.objective).toBeNull();
        expect(plan.bound).toBeNull();
        expect(plan.diagnosis.length).toBeGreaterThan(0);
        return;
      }
      expect(plan.status).toBe('optimal');
      expect(plan.objective).not.toBeNull();
      expect(close(plan.objective!, best.objective, REL), `objective ${plan.objective} vs brute force ${best.objective}`).toBe(true);
      expect(plan.bound).not.toBeNull();
      expect(plan.bound!).toBeLessThanOrEqual(plan.objective! * (1 + REL) + REL);
      expect(planDiscrepancies(dataset, plan)).toEqual([]);
    });
  }
});
