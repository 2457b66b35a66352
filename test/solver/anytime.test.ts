/**
 * Answers before the proof: the plans a solve hands out while it searches
 * (SolveProgress.incumbentPlan) pass the same plan checker as final plans, state
 * an honest gap against the bound known at that moment, and never cost less than
 * the proven optimum.
 */
import { describe, expect, it } from 'vitest';
import { solvePlan, type Plan } from '../../solver/index.js';
import { makeCase } from '../bench/families.js';
import { planDiscrepancies } from './reference.js';

describe('incumbent plans during a search', () => {
  it('are feasible, no cheaper than the optimum, and carry their gap', async () => {
    // Prepare: budgets that bind over four phases under 6% discounting (a real search).
    const { dataset } = await makeCase({ sites: 50, phases: 4, family: 'binding', discount: 0.06, seed: 1 });
    const seen: Plan[] = [];

    // Act
    const final = await solvePlan(dataset, {
      timeLimitSeconds: 600,
      onProgress: (p) => {
        const plan = p.incumbentPlan?.();
        if (plan) seen.push(plan);
      },
    });

    // Assess
    expect(final.status).toBe('optimal');
    expect(seen.length).toBeGreaterThan(0);
    for (const plan of seen) {
      expect(planDiscrepancies(dataset, plan)).toEqual([]);
      expect(plan.objective!).toBeGreaterThanOrEqual(final.objective! * (1 - 1e-9));
      expect(plan.bound!).toBeLessThanOrEqual(final.objective! * (1 + 1e-9));
      expect(plan.gap!).toBeCloseTo((plan.objective! - plan.bound!) / plan.objective!, 12);
      expect(['optimal', 'feasible']).toContain(plan.status);
    }
    expect(seen.some((p) => p.status === 'feasible' && p.gap! > 0)).toBe(true);
  });
});
