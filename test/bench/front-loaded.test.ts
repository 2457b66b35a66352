/**
 * The benchmark's `tight` family reproduces the construction of the hard cases: the
 * budget-free optimum front-loaded until each later phase spends 12-25% less, each
 * budget that spending plus 1-4% slack rounded up to two and a half significant
 * figures, the front-loaded schedule a plan within them, and the budget-free optimum
 * over at least the last phase's budget.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../solver/assemble.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import { makeCase } from './families.js';
import { roundUpHalfThird } from './front-loaded.js';

describe('roundUpHalfThird', () => {
  it('rounds up to a step of 5 in the third significant digit', () => {
    expect(roundUpHalfThird(48_400_001)).toBe(48_500_000);
    expect(roundUpHalfThird(48_500_000)).toBe(48_500_000);
    expect(roundUpHalfThird(1_290_001)).toBe(1_300_000);
    expect(roundUpHalfThird(999_001)).toBe(1_000_000);
    expect(roundUpHalfThird(101_000)).toBe(105_000);
  });
});

describe('front-loaded family', () => {
  for (const spec of [
    { sites: 50, phases: 4, discount: 0.06, seed: 31 },
    { sites: 90, phases: 6, discount: 0.05, seed: 32 },
  ]) {
    it(`${spec.sites} x ${spec.phases}: every budget is the front-loaded spending plus 1-4% slack, rounded up, and the budget-free optimum breaks the last`, async () => {
      const c = await makeCase({ ...spec, family: 'front-loaded' });
      const loading = c.loading!;
      const budgets = c.dataset.phases.map((p) => p.budget!);
      const T = spec.phases;
      for (let t = 0; t < T; t++) {
        const slack = loading.slack[t]!;
        expect(slack).toBeGreaterThanOrEqual(0.01);
        expect(slack).toBeLessThanOrEqual(0.04);
        expect(budgets[t]).toBe(roundUpHalfThird(loading.loaded[t]! * (1 + slack)));
        expect(budgets[t]).toBeGreaterThanOrEqual(loading.loaded[t]! * 1.01);
        if (t === 0) continue;
        // Each later phase spends 12-25% less than the budget-free optimum does in it.
        expect(loading.cut[t]).toBeGreaterThanOrEqual(0.12);
        expect(loading.cut[t]).toBeLessThanOrEqual(0.25);
        expect(loading.loaded[t]).toBeLessThanOrEqual((1 - loading.cut[t]!) * loading.free[t]! + 1e-6);
      }
      // The budget-free optimum breaks at least the last phase's budget.
      expect(loading.free[T - 1]).toBeGreaterThan(budgets[T - 1]!);
      // The front-loaded schedule is a plan within the budgets: the province is feasible.
      const problem = normalize(c.dataset);
      const sizing = sizeProblem(problem);
      const model = buildModel(problem, sizing);
      const byId = new Map(c.dataset.serviceAreas.map((sa, i) => [sa.id, loading.schedule[i]!]));
      const assign = problem.sites.map((s) => byId.get(s.id) ?? -1);
      const ev = evaluate(problem, sizing, model, assign);
      expect(ev.violations).toEqual([]);
      ev.capex.forEach((v, t) => expect(v).toBeCloseTo(loading.loaded[t]!, 2));
    });
  }
});
