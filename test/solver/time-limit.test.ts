/**
 * A feasible generated province, drawn and planned under a time limit, answers with a
 * plan: the even family's 90 x 6 case, whose drawing asks the planner whether budgets
 * of growing first-phase shares admit a plan (most of them do not). When every
 * infeasible answer spent the remedies' whole default time (SPEC 7, 30 s) the case took
 * minutes before its own solve began; this test then runs out of its time.
 */
import { describe, expect, it } from 'vitest';
import { solvePlan } from '../../solver/index.js';
import { makeCase } from '../bench/families.js';
import { planDiscrepancies } from './reference.js';

describe('a feasible province under a time limit', () => {
  it(
    '90 sites x 6 phases, even budgets, 6% discounting: drawn, then planned within a 60 s limit',
    async () => {
      // Prepare: the drawing raised the first phase's share past infeasible probes.
      const { dataset } = await makeCase({ sites: 90, phases: 6, family: 'even', discount: 0.06, seed: 6 });
      const [first, second] = dataset.phases.map((p) => p.budget!);
      expect(first! / second!).toBeGreaterThan(1.1);

      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 60 });

      // Assess
      expect(['optimal', 'feasible']).toContain(plan.status);
      expect(plan.remedies).toBeUndefined();
      expect(Number.isFinite(plan.stats.ms)).toBe(true);
      expect(planDiscrepancies(dataset, plan)).toEqual([]);
    },
    150_000,
  );
});
