/**
 * Trade-off curves (SPEC 8), the pure part: the request's checks, the points'
 * values and scenarios, and a point's figures from a solved plan (SPEC 7's
 * best effort and extra budget for an infeasible one). Solving a whole curve
 * is tested through the CLI (test/cli/curve.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCurve, countRules, curvePoint, curveValues, pointScenario, type Dataset, type Plan } from '../../solver/index.js';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;

describe("a curve's values", () => {
  it('are evenly spaced exact decimals from `from` to `to`', () => {
    expect(curveValues({ from: 0.6, to: 1.4, steps: 9 })).toEqual([0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4]);
    expect(curveValues({ from: 0, to: 1, steps: 21 })).toEqual(Array.from({ length: 21 }, (_, i) => Number((i / 20).toFixed(2))));
    expect(curveValues({ from: 0.9, to: 0.6, steps: 4 })).toEqual([0.9, 0.8, 0.7, 0.6]);
    expect(curveValues({ from: 0.1, to: 0.3, steps: 2 })).toEqual([0.1, 0.3]);
  });
});

describe('a curve request', () => {
  it("gives each point a scenario; a target replaces the class's target in every phase that states one", () => {
    // Prepare
    const d = structuredClone(demo);
    delete d.phases[0]!.targets;

    // Act
    const result = checkCurve({ vary: 'target.priority', from: 0.7, to: 0.9, steps: 3 }, d);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.points.map((p) => p.value)).toEqual([0.7, 0.8, 0.9]);
    expect(result.points[1]!.scenario).toEqual({ name: 'target.priority 0.8', changes: { targets: { '2024': { priority: 0.8 }, '2025': { priority: 0.8 } } } });
    expect(pointScenario('budgetScale', 0.8, d).changes).toEqual({ budgetScale: 0.8 });
    expect(pointScenario('evShareScale', 1.5, d).changes).toEqual({ evShareScale: 1.5 });
  });

  const refused: [string, unknown, Record<string, RegExp>][] = [
    ['has too few or too many steps', { vary: 'budgetScale', from: 0.6, to: 1.4, steps: 1 }, { steps: /between 2 and 21, got 1/ }],
    ['has more than 21 steps', { vary: 'budgetScale', from: 0.6, to: 1.4, steps: 22 }, { steps: /between 2 and 21, got 22/ }],
    ['has a fractional step count and an unknown vary', { vary: 'budget', from: 0.6, to: 1.4, steps: 2.5 }, { vary: /must be one of "budgetScale"/, steps: /whole number/ }],
    ['runs from a value to itself', { vary: 'evShareScale', from: 1, to: 1, steps: 3 }, { to: /must differ from from/ }],
    ['lacks fields and has unknown ones', { vary: 'budgetScale', step: 3 }, { from: /required/, to: /required/, steps: /required/, step: /unknown key/ }],
    ['reaches a target above 1', { vary: 'target.standard', from: 0.5, to: 1.2, steps: 8 }, { to: /^1.2 gives changes.targets\["202[345]"\].standard: must be between 0 and 1/ }],
    ['starts at a negative budget scale', { vary: 'budgetScale', from: -0.2, to: 1, steps: 7 }, { from: /-0.2 gives changes.budgetScale: must be at least 0/ }],
  ];
  for (const [what, curve, expected] of refused) {
    it(`is refused when it ${what}, each problem by its field`, () => {
      // Act
      const result = checkCurve(curve, demo);

      // Assess
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect([...new Set(result.issues.map((i) => i.path))].sort()).toEqual(Object.keys(expected).sort());
      for (const issue of result.issues) expect(issue.message).toMatch(expected[issue.path]!);
    });
  }

  it('is refused when it varies a target no phase states, or budgets the data set does not have', () => {
    // Prepare
    const d = structuredClone(demo);
    for (const p of d.phases) {
      delete p.budget;
      p.targets = { priority: p.targets!.priority! };
    }
    for (const r of d.regions) r.class = 'priority';

    // Act
    const target = checkCurve({ vary: 'target.standard', from: 0.5, to: 0.6, steps: 2 }, d);
    const budget = checkCurve({ vary: 'budgetScale', from: 0.5, to: 0.6, steps: 2 }, d);

    // Assess
    expect(target.ok ? [] : target.issues).toMatchObject([{ path: 'vary', message: 'no phase of the data set states a standard target' }]);
    expect(budget.ok ? [] : budget.issues.map((i) => i.path)).toEqual(['from', 'to']);
  });
});

describe("a curve's point", () => {
  const phases = (capex: number[]): Plan['phases'] => capex.map((c, i) => ({ id: String(i), year: 2023 + i, capex: c, newSites: 0, piles: 0, coverage: [] }));

  it('of a feasible plan meets every rule, with no shortfall or extra money, and sums the nominal capex', () => {
    const point = curvePoint(0.8, { status: 'optimal', objective: 95.5, phases: phases([40, 30, 30]) }, 64);
    expect(point).toEqual({ value: 0.8, status: 'optimal', objective: 95.5, capex: 100, rulesMet: 64, rulesTotal: 64, shortfall: 0, extraBudget: 0 });
  });

  it('of an infeasible plan takes its figures from the best effort within the budgets and the least extra budget', () => {
    // Prepare
    const remedies = {
      withinBudget: { rulesMet: 58, rulesTotal: 64, shortfall: 3, unmet: [], plan: { objective: 401.5, phases: phases([200, 252]) } },
      extraBudget: { total: 42, byPhase: { '1': 42 } },
    };

    // Act
    const point = curvePoint(0.6, { status: 'infeasible', objective: null, phases: phases([0, 0]), remedies }, 64);

    // Assess
    expect(point).toEqual({ value: 0.6, status: 'infeasible', objective: 401.5, capex: 452, rulesMet: 58, rulesTotal: 64, shortfall: 3, extraBudget: 42 });
  });

  it('of an infeasible plan with no best effort within the budgets still states the extra money', () => {
    const remedies = { withinBudget: { unavailable: 'existing sites alone cost more than the 2024 budget' }, extraBudget: { total: 7 } };
    const point = curvePoint(0.1, { status: 'infeasible', objective: null, phases: [], remedies }, 64);
    expect(point).toEqual({ value: 0.1, status: 'infeasible', objective: null, capex: null, rulesMet: null, rulesTotal: 64, shortfall: null, extraBudget: 7 });
  });

  it('of a plan stopped before any plan was found has no figures', () => {
    const point = curvePoint(1, { status: 'unknown', objective: null, phases: phases([0]) }, null);
    expect(point).toEqual({ value: 1, status: 'unknown', objective: null, capex: null, rulesMet: null, rulesTotal: null, shortfall: null, extraBudget: null });
  });

  it("counts SPEC 7's rules: coverage per region and phase with targets, spacing per corridor and phase with maxGapKm, required sites", () => {
    const required = demo.serviceAreas.filter((s) => s.status === 'required').length;
    expect(countRules(demo).rulesTotal).toBe(demo.regions.length * 3 + demo.corridors.length * 1 + required);
  });
});
