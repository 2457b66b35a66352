/**
 * Properties every plan must have, on generated provinces of realistic size
 * (too big for a brute force): optimal status, every constraint holds, every
 * figure agrees with the independent reference, integers are integers, and the
 * key conventions of SPEC section 5 hold.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateProvince, type BudgetMode } from '../../data/generate-lib.js';
import { solvePlan, validateDataset, type Dataset, type Plan } from '../../solver/index.js';
import { buildModel, close, improvingMoves, planBuild, planDiscrepancies } from './reference.js';

function sample(name: string): Dataset {
  return JSON.parse(readFileSync(new URL(`../../data/${name}.json`, import.meta.url), 'utf8')) as Dataset;
}

interface Case {
  name: string;
  dataset: () => Dataset;
}

const generated = (seed: number, sites: number, budget: BudgetMode, spacing: boolean, discountRate: number, phases = 3): Case => ({
  name: `seed ${seed}, ${sites} sites, ${phases} phases, budget ${budget}, spacing ${spacing ? 'on' : 'off'}, discount ${discountRate}`,
  dataset: () => generateProvince({ seed, sites, phases, budget, spacing, discountRate }),
});

const CASES: Case[] = [
  generated(1, 30, 'none', true, 0),
  generated(2, 60, 'loose', false, 0.05),
  generated(3, 90, 'tight', true, 0.05),
  generated(4, 150, 'tight', true, 0),
  generated(5, 120, 'none', false, 0.05),
  generated(6, 45, 'tight', false, 0),
  generated(7, 75, 'loose', true, 0),
  generated(8, 150, 'none', true, 0.05),
  generated(9, 40, 'tight', true, 0.05, 1),
  generated(10, 80, 'loose', true, 0, 5),
  { name: 'the demo data set (40 sites)', dataset: () => sample('demo') },
  { name: 'the medium data set (300 sites)', dataset: () => sample('medium') },
];

const REL = 1e-6;

function expectWhole(value: unknown, where: string): void {
  expect(Number.isInteger(value), `${where} = ${String(value)} is not a whole number`).toBe(true);
}

describe('plans of generated provinces', () => {
  for (const c of CASES) {
    it(`${c.name}: is optimal, keeps every constraint and agrees with the reference figure by figure`, async () => {
      // Prepare
      const dataset = c.dataset();
      expect(validateDataset(dataset)).toMatchObject({ ok: true });
      const model = buildModel(dataset);
      const phaseIds = dataset.phases.map((p) => p.id);

      // Act
      const plan: Plan = await solvePlan(dataset, { timeLimitSeconds: 60 });

      // Assess: status and objective
      expect(plan.status).toBe('optimal');
      expect(plan.objective).not.toBeNull();
      expect(plan.bound).not.toBeNull();
      expect(plan.bound!).toBeLessThanOrEqual(plan.objective! * (1 + REL) + REL);
      expect(plan.gap).not.toBeNull();
      expect(plan.gap!).toBeLessThanOrEqual(REL);
      expect(plan.diagnosis).toEqual([]);

      // Constraints, objective recomputed, every figure and key convention.
      expect(planDiscrepancies(dataset, plan)).toEqual([]);

      // No single site can move to another phase (or be dropped) for less.
      expect(improvingMoves(dataset, planBuild(plan))).toEqual([]);

      // Integers are integers.
      for (const p of plan.phases) {
        expectWhole(p.newSites, `phase ${p.id} newSites`);
        expectWhole(p.piles, `phase ${p.id} piles`);
        for (const r of p.coverage) {
          expectWhole(r.covered, `phase ${p.id} ${r.region} covered`);
          expectWhole(r.total, `phase ${p.id} ${r.region} total`);
          if (r.required !== null) expectWhole(r.required, `phase ${p.id} ${r.region} required`);
        }
      }
      for (const s of plan.sites) {
        for (const [k, v] of Object.entries(s.piles)) expectWhole(v, `site ${s.id} piles ${k}`);
        for (const [k, v] of Object.entries(s.shortfall)) expectWhole(v, `site ${s.id} shortfall ${k}`);
      }

      // sites: every service area once; keys per SPEC section 5.
      expect(plan.sites.map((s) => s.id).sort()).toEqual(dataset.serviceAreas.map((s) => s.id).sort());
      for (const s of plan.sites) {
        const ref = model.byId.get(s.id)!;
        expect(Object.keys(s.piles)).toEqual(phaseIds);
        if (s.buildPhase === null) {
          expect(s.capex).toEqual({});
          expect(Object.values(s.piles).every((v) => v === ref.existing)).toBe(true);
        } else {
          const from = s.buildPhase === 'existing' ? 0 : phaseIds.indexOf(s.buildPhase);
          expect(from).toBeGreaterThanOrEqual(0);
          expect(Object.keys(s.capex)).toEqual(phaseIds.slice(from));
          expect(Object.keys(s.shortfall)).toEqual(phaseIds.slice(from));
          expect(s.buildPhase === 'existing').toBe(ref.existingCovered);
        }
      }

      // Sites that can never be covered for their cap are named in the warnings.
      for (const s of model.sites.filter((x) => x.cap < model.a.minPilesPerSite)) {
        expect(plan.warnings.some((w) => w.includes(s.id))).toBe(true);
      }

      // The plan survives JSON unchanged (no NaN, no Infinity, no undefined).
      const { stats: _stats, ...rest } = plan;
      expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
      expect(close(plan.phases.reduce((sum, p) => sum + (p.capex ?? NaN), 0), plan.sites.reduce((sum, s) => sum + Object.values(s.capex).reduce((a, b) => a + b, 0), 0))).toBe(true);
    });
  }
});
