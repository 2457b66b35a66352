/**
 * Optimality where the search does the most: tiny data sets with discounting and a
 * budget that binds (the last phase gets 85% of what the unbudgeted optimum spends
 * in it), so the LP relaxation is fractional and the plan comes from the rounded LP
 * solution or the full MILP (these models are under 150 columns, so the LP's
 * neighbourhood is tested on larger ones in binding-vs-highs.test.ts). The planner's
 * status and objective must equal the independent brute force's, and its figures the
 * reference's reading of its own build phases.
 */
import { describe, expect, it } from 'vitest';
import { solvePlan, type Dataset } from '../../solver/index.js';
import { bruteForceDetail, close, planDiscrepancies, referenceCost, tinyDataset } from './reference.js';

const SEEDS = Array.from({ length: 400 }, (_, i) => i + 1);
const REL = 1e-6;

/** A tiny data set with 6% discounting and its last phase's budget at 85% of the unbudgeted optimum's spending there. */
function binding(seed: number): Dataset | null {
  const d = tinyDataset(seed, { maxPhases: 4 });
  if (d.phases.length < 2) return null;
  d.costs = { ...d.costs, discountRate: 0.06 };
  for (const p of d.phases) delete p.budget;
  const free = bruteForceDetail(d);
  if (!free) return null;
  const spend = referenceCost(d, free.build).capex;
  const last = d.phases.length - 1;
  if (!(spend[last]! > 0)) return null;
  d.phases.forEach((p, t) => {
    p.budget = Math.round(t === last ? 0.85 * spend[t]! : spend[t]! + 0.5 * spend[last]!);
  });
  return d;
}

const cases = SEEDS.map((seed) => ({ seed, dataset: binding(seed) })).filter((c): c is { seed: number; dataset: Dataset } => c.dataset !== null);
const engines = new Map<string, number>();

describe('solvePlan under binding budgets with discounting', () => {
  for (const { seed, dataset } of cases) {
    it(`seed ${seed}: matches the brute force`, async () => {
      // Prepare
      const best = bruteForceDetail(dataset);

      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 30 });
      engines.set(plan.stats.engine, (engines.get(plan.stats.engine) ?? 0) + 1);

      // Assess
      if (best === null) {
        expect(plan.status).toBe('infeasible');
        return;
      }
      expect(plan.status).toBe('optimal');
      expect(close(plan.objective!, best.objective, REL), `objective ${plan.objective} vs brute force ${best.objective}`).toBe(true);
      expect(plan.bound!).toBeLessThanOrEqual(plan.objective! * (1 + REL) + REL);
      expect(planDiscrepancies(dataset, plan)).toEqual([]);
    });
  }

  it('reaches the search stages it is meant to test', () => {
    // Assess: some plans come from the MILP stages, not only from presolve or an integral LP.
    const searched = [...engines].filter(([e]) => e.startsWith('highs') && e !== 'highs-lp').reduce((n, [, k]) => n + k, 0);
    expect(cases.length).toBeGreaterThan(100);
    expect(searched, JSON.stringify([...engines])).toBeGreaterThan(5);
  });
});
