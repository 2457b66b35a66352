/**
 * The LP neighbourhood, the rounding and the proof after reduced-cost fixing answer
 * for generated provinces with budgets that bind over several phases (models of hundreds of columns, beyond the brute
 * force): every plan must match plain HiGHS' optimum (the benchmark's comparison, the
 * whole model handed to HiGHS as LP text) and pass the reference's reading of its
 * build phases.
 */
import { describe, expect, it } from 'vitest';
import { solvePlan } from '../../solver/index.js';
import { loadHighs } from '../../solver/engines/highs.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import { makeCase, type CaseSpec } from '../bench/families.js';
import { solvePlain } from '../bench/plain-highs.js';
import { planDiscrepancies } from './reference.js';

const SPECS: CaseSpec[] = [
  { sites: 120, phases: 3, family: 'binding', discount: 0.04, seed: 1 },
  { sites: 300, phases: 4, family: 'binding', discount: 0.06, seed: 1 },
  { sites: 120, phases: 5, family: 'binding', discount: 0.04, seed: 2 },
  { sites: 300, phases: 6, family: 'binding', discount: 0.02, seed: 1 },
  { sites: 90, phases: 6, family: 'even', discount: 0.06, seed: 6 },
  // Under 150 columns: the quick search, the local search and the proof after fixing.
  { sites: 45, phases: 2, family: 'binding', discount: 0.05, seed: 1007 },
  { sites: 55, phases: 3, family: 'binding', discount: 0.03, seed: 1234 },
];
const engines: string[] = [];

describe('binding budgets over several phases against plain HiGHS', () => {
  it.each(SPECS.map((s) => [`${s.sites} sites x ${s.phases} phases, ${s.family} budgets, ${s.discount * 100}% discounting`, s] as const))(
    '%s: the same optimum as plain HiGHS',
    async (_name, spec) => {
      // Prepare
      const { dataset } = await makeCase(spec);
      const problem = normalize(dataset);
      const plain = solvePlain(await loadHighs(), buildModel(problem, sizeProblem(problem)), 300);

      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 600 });
      engines.push(plan.stats.engine);

      // Assess
      expect(plain.status).toBe('Optimal');
      expect(plan.status).toBe('optimal');
      expect(Math.abs(plan.objective! - plain.objective!)).toBeLessThanOrEqual(1.01e-6 * plain.objective!);
      expect(planDiscrepancies(dataset, plan)).toEqual([]);
    },
    120_000,
  );

  it('goes through the LP neighbourhood on some of them', () => {
    expect(engines.filter((e) => e.startsWith('highs-near') || e === 'highs-lp+round').length, engines.join(', ')).toBeGreaterThan(0);
  });

  it('proves some of them on the model left by reduced-cost fixing', () => {
    expect(engines.filter((e) => e.endsWith('+fixing')).length, engines.join(', ')).toBeGreaterThan(0);
  });
});
