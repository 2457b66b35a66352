/**
 * The remedies of an infeasible plan (SPEC section 7) against an independent
 * construction: a brute force over every build-phase assignment on tiny
 * provinces, a separately built MILP on larger ones; each remedy's plan against
 * the reference model of sections 1-5.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { solvePlan, type Dataset, type Plan, type Remedies, type WithinBudget } from '../../solver/index.js';
import { makeCase } from '../bench/families.js';
import { buildModel, close, planBuild, referenceCost } from './reference.js';
import { bruteRemedies, extraOf, infeasibleTiny, milpRemedies, refRules, figuresOf, type BruteRemedies } from './remedies-reference.js';

/** The plan's own figures, checked against the reference model of sections 1-5. */
function checkAgainstReference(dataset: Dataset, plan: Plan): { met: number; shortfall: number; cost: number; capex: number[] } {
  const m = buildModel(dataset);
  const build = planBuild(plan);
  const from = new Map(m.sites.map((s) => [s.id, build[s.id] === null || build[s.id] === undefined || build[s.id] === 'existing' ? (build[s.id] === 'existing' ? 0 : null) : m.phases.findIndex((p) => p.id === build[s.id])]));
  const f = figuresOf(m, refRules(m), from);
  const ref = referenceCost(dataset, build, m);
  expect(Math.abs(ref.objective - plan.objective!) <= 0.01, `${ref.objective} vs ${plan.objective}: ${ref.violations.join("; ")}`).toBe(true);
  return { met: f.met, shortfall: f.shortfall, cost: ref.objective, capex: ref.capex };
}

function expectWithin(dataset: Dataset, remedies: Remedies, want: BruteRemedies): void {
  if (want.within === null) {
    expect(remedies.withinBudget).toHaveProperty('unavailable');
    return;
  }
  const within = remedies.withinBudget as WithinBudget;
  expect(within.rulesTotal).toBe(want.rulesTotal);
  expect([within.rulesMet, within.shortfall]).toEqual([want.within.met, want.within.shortfall]);
  expect(within.plan.status).toBe('optimal');
  expect(close(within.plan.objective!, want.within.cost, 2e-6), `${within.plan.objective} vs ${want.within.cost}`).toBe(true);
  // The plan itself: its figures by the reference, every budget kept, unmet listed in full.
  const own = checkAgainstReference(dataset, within.plan);
  expect([own.met, own.shortfall]).toEqual([within.rulesMet, within.shortfall]);
  dataset.phases.forEach((p, t) => p.budget !== undefined && expect(own.capex[t]!).toBeLessThanOrEqual(p.budget * (1 + 1e-9)));
  expect(within.unmet).toHaveLength(within.rulesTotal - within.rulesMet);
  for (const ph of within.plan.phases) for (const c of ph.coverage) if (c.required !== null) expect(c.met).toBe(c.covered >= c.required);
}

function expectExtra(dataset: Dataset, remedies: Remedies, want: BruteRemedies): void {
  const extra = remedies.extraBudget;
  expect(extra.plan.status).toBe('optimal');
  expect(close(extra.total, want.extra.total, 1e-6) || Math.abs(extra.total - want.extra.total) < 0.05, `${extra.total} vs ${want.extra.total}`).toBe(true);
  expect(close(extra.plan.objective!, want.extra.cost, 2e-6), `${extra.plan.objective} vs ${want.extra.cost}`).toBe(true);
  const own = checkAgainstReference(dataset, extra.plan);
  const m = buildModel(dataset);
  expect(Math.abs(extraOf(m, own.capex) - extra.total)).toBeLessThan(0.05);
  const budgeted = dataset.phases.filter((p) => p.budget !== undefined).map((p) => p.id);
  expect(Object.keys(extra.byPhase).sort()).toEqual(budgeted.sort());
  expect(extra.dropped).toHaveLength(refRules(m).filter((r) => r.impossible).length);
}

describe('remedies of an infeasible plan', () => {
  it('equal a brute force over every build-phase assignment on tiny infeasible provinces', async () => {
    let checked = 0;
    for (let seed = 1; seed <= 48 && checked < 24; seed++) {
      // Prepare
      const dataset = infeasibleTiny(seed);
      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 60, remediesTimeLimitSeconds: 60 });
      if (plan.status !== 'infeasible') {
        expect(plan).not.toHaveProperty('remedies');
        continue;
      }
      checked++;
      // Assess
      const want = bruteRemedies(dataset);
      expect(plan.remedies, `seed ${seed}`).toBeDefined();
      expectWithin(dataset, plan.remedies!, want);
      expectExtra(dataset, plan.remedies!, want);
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  }, 240_000);

  it('equal a separately built MILP on larger infeasible provinces: budgets cut, too few coverable areas, a gap with no candidate, a required site that cannot be afforded', async () => {
    for (const seed of [7, 11]) {
      // Prepare
      const { dataset } = await makeCase({ sites: 40, phases: 3, family: 'binding', discount: seed === 7 ? 0.05 : 0, seed });
      dataset.phases.forEach((p) => p.budget !== undefined && (p.budget = Math.round(p.budget * 0.8)));
      const region = dataset.regions[0]!.id;
      dataset.serviceAreas.filter((s) => s.region === region).slice(1).forEach((s) => ((s.status = 'excluded'), delete s.requiredBy));
      const corridor = dataset.corridors.reduce((a, b) => (b.endKm - b.startKm > a.endKm - a.startKm ? b : a));
      const mid = (corridor.startKm + corridor.endKm) / 2;
      dataset.serviceAreas.filter((s) => s.corridor === corridor.id && Math.abs(s.km - mid) < 90).forEach((s) => ((s.status = 'excluded'), delete s.requiredBy));
      const dear = dataset.serviceAreas.find((s) => s.status === undefined && (s.existingPiles ?? 0) < 2)!;
      dear.status = 'required';
      dear.requiredBy = dataset.phases[0]!.id;
      dear.siteCost = 40_000_000;

      // Act
      const plan = await solvePlan(dataset, { timeLimitSeconds: 120, remediesTimeLimitSeconds: 120 });

      // Assess
      expect(plan.status).toBe('infeasible');
      const want = await milpRemedies(dataset);
      expectWithin(dataset, plan.remedies!, want);
      expectExtra(dataset, plan.remedies!, want);
      const within = plan.remedies!.withinBudget as WithinBudget;
      expect(within.unmet.some((u) => u.rule === 'coverage' && u.region === region && u.impossible)).toBe(true);
      expect(plan.remedies!.extraBudget.dropped.some((d) => d.rule === 'spacing' && d.corridor === corridor.id)).toBe(true);
      expect(plan.remedies!.newSites.some((n) => n.corridor === corridor.id)).toBe(true);
    }
  }, 300_000);

  it('are absent from a feasible plan', async () => {
    // Prepare
    const dataset = JSON.parse(readFileSync('data/demo.json', 'utf8')) as Dataset;
    // Act
    const plan = await solvePlan(dataset);
    // Assess
    expect(plan.status).toBe('optimal');
    expect(Object.keys(plan)).not.toContain('remedies');
  });
});
