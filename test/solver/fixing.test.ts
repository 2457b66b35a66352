/**
 * Reduced-cost fixing (solver/fixing.ts) is only sound if (1) its Lagrangian bound
 * is below every plan's cost whatever the row prices, and (2) no plan cheaper than
 * the threshold breaks a fixing. Both are checked here against every plan of tiny
 * models, enumerated, with HiGHS' LP duals and with arbitrary prices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHighs, solveWithHighs } from '../../solver/engines/highs.js';
import { fixByReducedCost, lagrangian } from '../../solver/fixing.js';
import { buildModel, type Model } from '../../solver/model.js';
import { satisfies } from '../../solver/neighbourhood.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import { cumulative } from '../../solver/engines/cumulative.js';
import { tinyDataset } from './reference.js';

/** Every 0/1 plan of the model's columns that satisfies its rows, with its cost. */
function allPlans(model: Model): { x: number[]; cost: number }[] {
  const sites: number[][] = [];
  model.columns.forEach((c, j) => {
    const last = sites[sites.length - 1];
    if (last && model.columns[last[0]!]!.site === c.site) last.push(j);
    else sites.push([j]);
  });
  const plans: { x: number[]; cost: number }[] = [];
  const x = new Array<number>(model.columns.length).fill(0);
  const walk = (s: number): void => {
    if (s === sites.length) {
      if (satisfies(model, x)) plans.push({ x: [...x], cost: model.offset + x.reduce((a, v, j) => a + v * model.columns[j]!.cost, 0) });
      return;
    }
    walk(s + 1);
    for (const j of sites[s]!) {
      x[j] = 1;
      walk(s + 1);
      x[j] = 0;
    }
  };
  walk(0);
  return plans;
}

function tinyModel(seed: number): Model | null {
  const problem = normalize(tinyDataset(seed, { maxPhases: 3 }));
  const model = buildModel(problem, sizeProblem(problem));
  return model.diagnosis.length === 0 && model.columns.length > 0 && model.columns.length <= 18 ? model : null;
}

const models = Array.from({ length: 120 }, (_, i) => tinyModel(i + 1)).filter((m): m is Model => m !== null);

describe('reduced-cost fixing', () => {
  it('has enough tiny models with plans to check', () => {
    // Assess
    expect(models.filter((m) => allPlans(m).length > 1).length).toBeGreaterThan(30);
  });

  it('with HiGHS LP duals: the bound is the LP bound, and every plan cheaper than the threshold keeps the fixings', async () => {
    // Prepare
    const highs = await loadHighs();
    let fixedSomewhere = 0;
    for (const model of models) {
      const plans = allPlans(model);
      if (plans.length === 0) continue;
      const lp = solveWithHighs(highs, model, { timeLimitSeconds: 10, relGap: 1e-9, relaxation: true });
      const best = Math.min(...plans.map((p) => p.cost));

      // Act
      const fixing = fixByReducedCost(model, lp.rowDual!, best);

      // Assess
      expect(fixing.bound).toBeCloseTo(lp.objective!, 2);
      expect(fixing.bound).toBeLessThanOrEqual(best + 1e-6 * Math.abs(best));
      expect(fixing.empty).toBe(false);
      for (const p of plans) {
        if (p.cost < fixing.threshold - 1e-6 * Math.abs(p.cost)) expect(fixing.project(p.x), `plan of cost ${p.cost}`).not.toBeNull();
      }
      // An optimal plan survives, and the fixed model's plans are the full model's.
      const optimal = plans.find((p) => p.cost === best)!;
      const projected = fixing.project(optimal.x)!;
      expect(satisfies(fixing.model, projected)).toBe(true);
      expect(fixing.lift(projected)).toEqual(optimal.x);
      fixedSomewhere += fixing.fixed;
    }
    expect(fixedSomewhere).toBeGreaterThan(0);
  });

  it('with arbitrary row prices: still a valid bound, and still sound fixings', () => {
    const cases = models.map((model) => ({ model, plans: allPlans(model), rows: cumulative(model).program.rows.length })).filter((c) => c.plans.length > 0);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.array(fc.double({ min: -5e6, max: 5e6, noNaN: true }), { minLength: 64, maxLength: 64 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (k, prices, slack) => {
          // Prepare
          const { model, plans } = cases[k]!;
          const best = Math.min(...plans.map((p) => p.cost));
          const cutoff = best * (1 + slack);

          // Act
          const { bound } = lagrangian(model, prices);
          const fixing = fixByReducedCost(model, prices, cutoff);

          // Assess
          for (const p of plans) {
            expect(bound).toBeLessThanOrEqual(p.cost + 1e-6 * Math.abs(p.cost));
            if (p.cost < fixing.threshold - 1e-6 * Math.abs(p.cost)) expect(fixing.project(p.x)).not.toBeNull();
          }
          if (fixing.empty) expect(best).toBeGreaterThanOrEqual(fixing.threshold - 1e-6 * Math.abs(best));
        },
      ),
      { numRuns: 400, seed: 7 },
    );
  });
});
