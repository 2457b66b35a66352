/**
 * Scenarios (SPEC 8): the changed data set is checked against a copy changed
 * by hand here, straight from the SPEC's words, and a scenario's plan against
 * a plain solve of that copy; bad changes come back by their path from the
 * scenario object.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyChanges, scenarioDataset, solvePlan, type Dataset, type Plan } from '../../solver/index.js';
import { describeChanges } from '../../solver/scenario.js';

const demo = JSON.parse(readFileSync(new URL('../../data/demo.json', import.meta.url), 'utf8')) as Dataset;

/** The plan without its timing, which differs run to run. */
const figures = (plan: Plan): Omit<Plan, 'stats'> => {
  const { stats: _, ...rest } = plan;
  return rest;
};

const changes = {
  budgetScale: { '2024': 1.5 },
  evShareScale: 1.25,
  trafficGrowth: 0.05,
  costs: { perPile: 150000 },
  targets: { '2025': { priority: 0.9 } },
  maxGapKm: { '2025': 110 },
};

/** SPEC 8's changes written out by hand on a copy. */
function changedByHand(d: Dataset): Dataset {
  const out = structuredClone(d);
  const phase = (id: string) => out.phases.find((p) => p.id === id)!;
  phase('2024').budget = 20_000_000 * 1.5;
  for (const p of out.phases) p.evShare = Math.min(1, p.evShare * 1.25);
  out.assumptions = { ...out.assumptions, trafficGrowth: 0.05 };
  out.costs = { ...out.costs, perPile: 150000 };
  phase('2025').targets = { priority: 0.9, standard: 0.6 };
  phase('2025').maxGapKm = 110;
  return out;
}

describe('a scenario', () => {
  it('changes the data set as SPEC 8 says, leaving the input as it was', () => {
    // Prepare
    const before = structuredClone(demo);

    // Act
    const result = scenarioDataset({ name: '更快的电动车普及', changes }, demo);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset).toEqual(changedByHand(demo));
    expect(demo).toEqual(before);
  });

  it('plans exactly as a plain solve of the data set changed by hand', async () => {
    // Prepare
    const result = scenarioDataset({ name: 'what if', changes }, demo);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));

    // Act
    const [scenarioPlan, plainPlan, unchanged] = [await solvePlan(result.dataset), await solvePlan(changedByHand(demo)), await solvePlan(demo)];

    // Assess
    expect(scenarioPlan.status).toBe('optimal');
    expect(figures(scenarioPlan)).toEqual(figures(plainPlan));
    expect(scenarioPlan.objective).not.toBe(unchanged.objective);
  });

  it('caps a scaled EV share at 1 and scales every budget by one factor without rounding', () => {
    // Prepare
    const d = structuredClone(demo);
    d.phases[0]!.budget = 33_333_333;

    // Act
    const changed = applyChanges(d, { evShareScale: 20, budgetScale: 0.7 });

    // Assess
    expect(changed.phases.map((p) => p.evShare)).toEqual([0.043 * 20, 1, 1]);
    expect(changed.phases.map((p) => p.budget)).toEqual([33_333_333 * 0.7, 20_000_000 * 0.7, undefined]);
  });

  it('with no changes is the data set as it is', () => {
    const result = scenarioDataset({ name: 'baseline', changes: {}, asOf: '2024-01-15' }, demo);
    expect(result.ok && result.dataset).toEqual(demo);
  });

  it('describes its changes in short lines', () => {
    expect(describeChanges(changes)).toEqual([
      'budgetScale 2024 1.5',
      'evShareScale 1.25',
      'trafficGrowth 0.05',
      'costs perPile 150000',
      'targets 2025 priority 0.9',
      'maxGapKm 2025 110',
    ]);
  });
});

describe('a scenario with bad changes', () => {
  const cases: [string, unknown, Record<string, RegExp>][] = [
    ['is not an object', 'cut', { $: /must be an object/ }],
    ['lacks its name and changes', {}, { name: /required/, changes: /required/ }],
    ['has unknown keys and a bad date', { name: 'x', changes: { budgetscale: 0.8 }, asOf: '2025-02-30', by: 'me' }, { 'changes.budgetscale': /unknown key/, asOf: /calendar date/, by: /unknown key/ }],
    ['gives numbers of the wrong type or range', { name: 'x', changes: { budgetScale: -0.1, evShareScale: '1.2', trafficGrowth: 1.5 } }, {
      'changes.budgetScale': /at least 0/,
      'changes.evShareScale': /must be a number/,
      'changes.trafficGrowth': /between 0 and 1, got 1.5/,
    }],
    ['names phases the data set does not have', { name: 'x', changes: { budgetScale: { '2030': 0.8 }, targets: { '2026': { priority: 0.9 } }, maxGapKm: { '2099': 80 } } }, {
      'changes.budgetScale["2030"]': /unknown phase "2030"/,
      'changes.targets["2026"]': /unknown phase "2026"/,
      'changes.maxGapKm["2099"]': /unknown phase "2099"/,
    }],
    ['sets targets and spacing out of range', { name: 'x', changes: { targets: { '2025': { priority: 1.2, premium: 0.5 } }, maxGapKm: { '2024': 0 } } }, {
      'changes.targets["2025"].priority': /between 0 and 1, got 1.2/,
      'changes.targets["2025"].premium': /unknown key/,
      'changes.maxGapKm["2024"]': /greater than 0/,
    }],
    ['sets a cost field out of range or unknown', { name: 'x', changes: { costs: { perPile: -1, land: 5 } } }, {
      'changes.costs.perPile': /at least 0/,
      'changes.costs.land': /unknown key/,
    }],
    ['scales the budget of a phase that has none', { name: 'x', changes: { budgetScale: { '2025': 0.8 } } }, {
      'changes.budgetScale["2025"]': /phase 2025 has no budget to scale/,
    }],
    ['scales a budget past any finite number', { name: 'x', changes: { budgetScale: 1e308 } }, {
      'changes.budgetScale': /phase 2024's budget: must be a finite number/,
    }],
  ];
  for (const [what, scenario, expected] of cases) {
    it(`is refused when it ${what}, each problem by its path`, () => {
      // Act
      const result = scenarioDataset(scenario, demo);

      // Assess
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.map((i) => i.path).sort()).toEqual(Object.keys(expected).sort());
      for (const issue of result.issues) expect(issue.message).toMatch(expected[issue.path]!);
    });
  }

  it('is refused when it gives a phase without targets a target for one class only, at the class missing', () => {
    // Prepare
    const d = structuredClone(demo);
    delete d.phases[0]!.targets;

    // Act
    const result = scenarioDataset({ name: 'x', changes: { targets: { '2023': { priority: 0.6 } } } }, d);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toMatchObject([{ path: 'changes.targets["2023"].standard', message: expect.stringMatching(/^required: region TAIZHOU/) }]);
  });

  it('is refused when it scales budgets of a data set that has none', () => {
    const d = structuredClone(demo);
    delete d.phases[1]!.budget;
    const result = scenarioDataset({ name: 'x', changes: { budgetScale: 0.8 } }, d);
    expect(result.ok ? [] : result.issues).toMatchObject([{ path: 'changes.budgetScale', message: 'no phase of the data set has a budget to scale' }]);
  });

  it('accepts a target for a class no region has, which changes no rule', async () => {
    // Prepare
    const d = structuredClone(demo);
    for (const r of d.regions) r.class = 'priority';
    for (const p of d.phases) p.targets = { priority: p.targets!.priority! };

    // Act
    const result = scenarioDataset({ name: 'x', changes: { targets: { '2025': { standard: 0.99 } } } }, d);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a, b] = [await solvePlan(result.dataset), await solvePlan(d)];
    expect(a.objective).toBe(b.objective);
  });
});
