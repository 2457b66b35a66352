/**
 * Edge cases of the planning model: each gives a clear result (a plan, or an
 * infeasible result whose diagnosis names the cause), never a crash.
 */
import { describe, expect, it } from 'vitest';
import { generateProvince } from '../../data/generate-lib.js';
import { sizeDataset, solvePlan, validateDataset, type Dataset, type Plan } from '../../solver/index.js';
import { bruteForce, bruteForceDetail, buildModel, close, minPhaseSpend, planDiscrepancies, referenceCost, tinyDataset } from './reference.js';

const REL = 1e-6;

/** Two phases, two regions of two service areas each on one 200 km corridor. */
function small(): Dataset {
  return {
    province: 'EDGE',
    name: 'edge cases',
    baseYear: 2022,
    currency: 'CNY',
    phases: [
      { id: '2023', year: 2023, evShare: 0.05, targets: { priority: 0.5, standard: 0.5 } },
      { id: '2024', year: 2024, evShare: 0.08, targets: { priority: 0.6, standard: 0.5 } },
    ],
    regions: [
      { id: 'NORTH', class: 'standard' },
      { id: 'SOUTH', class: 'priority' },
    ],
    corridors: [{ id: 'G1', startKm: 0, endKm: 200 }],
    serviceAreas: [0, 1, 2, 3].map((i) => ({ id: `A${i}`, corridor: 'G1', km: 20 + i * 50, region: i % 2 ? 'SOUTH' : 'NORTH' })),
    traffic: [{ corridor: 'G1', fromKm: 0, toKm: 200, aadt: 40000 }],
  };
}

async function plan(dataset: Dataset, timeLimitSeconds = 30): Promise<Plan> {
  expect(validateDataset(dataset)).toMatchObject({ ok: true });
  return solvePlan(dataset, { timeLimitSeconds });
}

/** Optimal, equal to the brute force, and every figure as the reference reads it. */
async function expectOptimalAsReference(dataset: Dataset): Promise<Plan> {
  const result = await plan(dataset);
  const best = bruteForce(dataset);
  expect(best).not.toBeNull();
  expect(result.status).toBe('optimal');
  expect(close(result.objective!, best!, REL), `${result.objective} vs ${best}`).toBe(true);
  expect(planDiscrepancies(dataset, result)).toEqual([]);
  return result;
}

function expectInfeasible(result: Plan): void {
  expect(result.status).toBe('infeasible');
  expect(result.objective).toBeNull();
  expect(result.bound).toBeNull();
  expect(result.diagnosis.length).toBeGreaterThan(0);
}

describe('edge cases of the planner', () => {
  describe('plans', () => {
    it('plans a data set with a single phase', async () => {
      // Prepare
      const d = small();
      d.phases = [d.phases[0]!];

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      expect(result.phases.map((p) => p.id)).toEqual(['2023']);
    });

    it('builds nothing and reports required as null when no phase states targets', async () => {
      // Prepare
      const d = small();
      for (const p of d.phases) delete p.targets;

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      expect(result.objective).toBe(0);
      expect(result.sites.every((s) => s.buildPhase === null)).toBe(true);
      for (const p of result.phases) for (const c of p.coverage) expect(c.required).toBeNull();
    });

    it('reports a region with no service areas as 0 of 0 and plans the rest', async () => {
      // Prepare
      const d = small();
      d.regions.push({ id: 'EMPTY', class: 'priority' });

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      for (const p of result.phases) {
        expect(p.coverage.find((c) => c.region === 'EMPTY')).toMatchObject({ covered: 0, total: 0, required: 0 });
      }
    });

    it('plans a corridor with one service area, shorter than maxGapKm', async () => {
      // Prepare
      const d = small();
      d.corridors = [{ id: 'G1', startKm: 0, endKm: 40 }];
      d.traffic = [{ corridor: 'G1', fromKm: 0, toKm: 40, aadt: 40000 }];
      d.serviceAreas = [{ id: 'ONLY', corridor: 'G1', km: 40, region: 'NORTH' }];
      d.regions = [{ id: 'NORTH', class: 'standard' }];
      d.phases[1]!.maxGapKm = 50;

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      expect(result.sites.map((s) => s.buildPhase)).toEqual(['2023']);
    });

    it('has no decision when every service area is existing-covered: optimal, objective the additions to existing sites', async () => {
      // Prepare
      const d = small();
      for (const s of d.serviceAreas) s.existingPiles = 3;
      d.phases[1]!.maxGapKm = 60;

      // Act
      const result = await plan(d);

      // Assess
      expect(result.status).toBe('optimal');
      expect(result.objective).toBeGreaterThan(0);
      expect(close(result.objective!, referenceCost(d, {}).objective, REL)).toBe(true);
      expect(result.sites.every((s) => s.buildPhase === 'existing')).toBe(true);
      expect(result.phases.every((p) => p.newSites === 0)).toBe(true);
      expect(planDiscrepancies(d, result)).toEqual([]);
    });

    it('sizes every site at minPilesPerSite when there is no traffic', async () => {
      // Prepare
      const d = small();
      d.traffic[0]!.aadt = 0;
      d.assumptions = { minPilesPerSite: 3 };

      // Act
      const sizing = sizeDataset(d);
      const result = await expectOptimalAsReference(d);

      // Assess
      for (const s of sizing) expect(s.need).toEqual([3, 3]);
      for (const s of result.sites) if (s.buildPhase !== null) expect(Object.values(s.piles)).toContain(3);
    });

    it('plans no service areas at all: optimal at zero cost', async () => {
      // Prepare
      const d = small();
      d.serviceAreas = [];

      // Act
      const result = await plan(d);

      // Assess
      expect(result.status).toBe('optimal');
      expect(result.objective).toBe(0);
      expect(result.sites).toEqual([]);
      expect(result.phases.map((p) => p.piles)).toEqual([0, 0]);
      expect(planDiscrepancies(d, result)).toEqual([]);
    });

    it('keeps a phase id "__proto__" as a plain own key of the plan', async () => {
      // Prepare
      const d = small();
      d.phases[0]!.id = '__proto__';
      d.serviceAreas[0]!.status = 'required';
      d.serviceAreas[0]!.requiredBy = '__proto__';

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      const site = result.sites.find((s) => s.id === 'A0')!;
      expect(site.buildPhase).toBe('__proto__');
      for (const rec of [site.piles, site.capex, site.shortfall]) {
        expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
        // Own keys, in whatever order JS gives them (integer-like keys come first).
        expect(Object.keys(rec).sort()).toEqual(['2024', '__proto__']);
      }
      expect(JSON.parse(JSON.stringify(site))).toEqual(site);
    });

    it('treats a candidate whose cap is below minPilesPerSite as excluded, counts it in |r| and warns', async () => {
      // Prepare
      const d = small();
      d.serviceAreas[1]!.maxPiles = 1;
      d.serviceAreas[1]!.existingPiles = 1;
      d.phases[1]!.targets = { priority: 0.5, standard: 0.5 };

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      const a1 = result.sites.find((s) => s.id === 'A1')!;
      expect(a1).toMatchObject({ buildPhase: null, piles: { '2023': 1, '2024': 1 }, capex: {} });
      expect(result.warnings.some((w) => w.includes('A1'))).toBe(true);
      expect(result.phases[1]!.coverage.find((c) => c.region === 'SOUTH')).toMatchObject({ total: 2, required: 1, covered: 1 });
    });

    it('never covers an excluded service area even when its existing piles would cover it', async () => {
      // Prepare
      const d = small();
      d.serviceAreas[0]!.status = 'excluded';
      d.serviceAreas[0]!.existingPiles = 4;

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      expect(result.sites.find((s) => s.id === 'A0')).toMatchObject({ buildPhase: null, piles: { '2023': 4, '2024': 4 }, capex: {} });
      expect(result.phases[0]!.coverage.find((c) => c.region === 'NORTH')!.covered).toBe(1);
    });

    it('counts a site exactly maxGapKm away, and one within 1e-6 km beyond it, as closing the gap', async () => {
      // Prepare: only sites at km 100 and 200 (+5e-7) can close the windows [0, 100] and (100, 200].
      const d = small();
      for (const p of d.phases) delete p.targets;
      d.phases[1]!.maxGapKm = 100;
      d.corridors = [{ id: 'G1', startKm: 0, endKm: 250 }];
      d.traffic = [{ corridor: 'G1', fromKm: 0, toKm: 250, aadt: 40000 }];
      d.serviceAreas = [
        { id: 'B100', corridor: 'G1', km: 100, region: 'NORTH' },
        { id: 'B200', corridor: 'G1', km: 200.0000005, region: 'SOUTH' },
      ];

      // Act
      const result = await expectOptimalAsReference(d);

      // Assess
      expect(result.sites.map((s) => s.buildPhase)).toEqual(['2024', '2024']);
    });
  });

  describe('infeasible data sets', () => {
    it('names a required site whose maxPiles is below minPilesPerSite', async () => {
      // Prepare
      const d = small();
      d.serviceAreas[1]!.status = 'required';
      d.serviceAreas[1]!.maxPiles = 1;
      for (const p of d.phases) delete p.targets;

      // Act
      const result = await plan(d);

      // Assess
      expectInfeasible(result);
      expect(result.diagnosis.join('\n')).toContain('A1');
    });

    it('names a region whose target needs more service areas than are not excluded', async () => {
      // Prepare: NORTH has 2 service areas, both excluded; 0.5 of 2 needs 1.
      const d = small();
      d.serviceAreas[0]!.status = 'excluded';
      d.serviceAreas[2]!.status = 'excluded';

      // Act
      const result = await plan(d);

      // Assess
      expectInfeasible(result);
      expect(bruteForce(d)).toBeNull();
      expect(result.diagnosis.join('\n')).toMatch(/region NORTH needs 1 covered service areas? in 2023 but only 0 (is|are) not excluded/);
    });

    it('names the corridor of a spacing gap that no site can close', async () => {
      // Prepare: a second corridor of 300 km with no service area, maxGapKm 100 in 2024.
      const d = small();
      d.corridors.push({ id: 'G9', startKm: 0, endKm: 300 });
      d.traffic.push({ corridor: 'G9', fromKm: 0, toKm: 300, aadt: 1000 });
      d.phases[1]!.maxGapKm = 100;

      // Act
      const result = await plan(d);

      // Assess
      expectInfeasible(result);
      expect(bruteForce(d)).toBeNull();
      const text = result.diagnosis.join('\n');
      expect(text).toContain('corridor G9');
      expect(text).toContain('2024');
    });

    it('names a phase whose budget is too small, with what it needs and what it has', async () => {
      // Prepare
      const d = small();
      d.phases[1]!.budget = 1000;
      const least = minPhaseSpend(d, '2024');

      // Act
      const result = await plan(d);

      // Assess
      expectInfeasible(result);
      expect(bruteForce(d)).toBeNull();
      const line = result.diagnosis.find((l) => l.includes('2024'));
      expect(line, result.diagnosis.join('\n')).toBeDefined();
      expect(line).toMatch(/1000|1\.0e3|1e3|1,000/);
      const stated = Number(/needs at least ([0-9.e+,]+)/.exec(line!)?.[1]?.replace(/,/g, ''));
      expect(least).not.toBeNull();
      expect(Math.abs(stated - least!) / least!, `stated ${stated}, least possible ${least}`).toBeLessThan(0.01);
    });

    it('states, for tiny data sets infeasible only by their budgets, a phase that needs more than its budget and no more than it truly needs', async () => {
      // Prepare: the first 30 seeded tiny data sets that only their budgets make infeasible.
      const cases: { seed: number; grid: boolean; dataset: Dataset }[] = [];
      for (let seed = 1; cases.length < 30; seed++) {
        const grid = seed % 2 === 0;
        const d = tinyDataset(seed, { grid });
        if (!d.phases.some((p) => p.budget !== undefined) || bruteForceDetail(d) !== null) continue;
        const unbudgeted = structuredClone(d);
        for (const p of unbudgeted.phases) delete p.budget;
        if (bruteForceDetail(unbudgeted) !== null) cases.push({ seed, grid, dataset: d });
      }

      for (const { seed, grid, dataset } of cases) {
        // Act
        const result = await plan(dataset);

        // Assess: "phase X needs at least N ... but its budget is B" with B < N, and N a true
        // lower bound: no schedule keeping every other constraint spends less than N in X
        // (N is rounded to 3 significant digits).
        const where = `${grid ? 'grid ' : ''}seed ${seed}: ${result.diagnosis.join(' | ')}`;
        expectInfeasible(result);
        const lines = result.diagnosis.map((l) => /^phase (\S+) needs at least ([0-9.e+]+)\b.* but its budget is ([0-9.e+]+)$/.exec(l)).filter((m) => m !== null);
        expect(lines.length, where).toBeGreaterThan(0);
        for (const [, phase, needs, budget] of lines) {
          const p = dataset.phases.find((x) => x.id === phase);
          expect(p?.budget, where).toBeDefined();
          expect(close(Number(budget), p!.budget!, 0.005), where).toBe(true);
          expect(Number(needs), where).toBeGreaterThan(p!.budget!);
          const least = minPhaseSpend(dataset, phase!, 'other');
          if (least !== null) expect(Number(needs), where).toBeLessThanOrEqual(least * 1.005);
        }
      }
    });

    it('states true causes for tiny data sets infeasible without budgets: short regions, unclosable gaps, uncoverable required sites', async () => {
      // Prepare: the first 40 seeded tiny data sets (budgets removed) that no schedule satisfies.
      const cases: { seed: number; grid: boolean; dataset: Dataset }[] = [];
      for (let seed = 1; cases.length < 40; seed++) {
        const grid = seed % 2 === 1;
        const d = tinyDataset(seed, { grid });
        for (const p of d.phases) delete p.budget;
        if (bruteForceDetail(d) === null) cases.push({ seed, grid, dataset: d });
      }

      for (const { seed, grid, dataset } of cases) {
        // Act
        const result = await plan(dataset);

        // Assess: every line is one of the SPEC's kinds of cause, and true by the reference.
        const where = `${grid ? 'grid ' : ''}seed ${seed}: ${result.diagnosis.join(' | ')}`;
        expectInfeasible(result);
        const m = buildModel(dataset);
        for (const line of result.diagnosis) {
          const region = /^region (\S+) needs (\d+) covered service areas? in (\S+) but only (\d+) (?:is|are) not excluded$/.exec(line);
          const gap = /^corridor (\S+) has ([0-9.]+) km between km ([0-9.]+) and km ([0-9.]+) with no service area that can be covered, maxGapKm is ([0-9.]+) in (\S+)$/.exec(line);
          if (region) {
            const [, id, needs, phase, available] = region;
            const r = m.regions.find((x) => x.id === id)!;
            const t = dataset.phases.findIndex((p) => p.id === phase);
            expect(r.required[t], where).toBe(Number(needs));
            expect(r.members.filter((x) => !x.neverCoverable).length, where).toBe(Number(available));
            expect(Number(needs), where).toBeGreaterThan(Number(available));
          } else if (gap) {
            const [, corridor, length, from, to, maxGap, phase] = gap;
            const [a, b] = [Number(from), Number(to)];
            expect(dataset.phases.find((p) => p.id === phase)?.maxGapKm, where).toBe(Number(maxGap));
            expect(b - a, where).toBeGreaterThan(Number(maxGap));
            expect(Math.abs(Number(length) - (b - a)), where).toBeLessThan(0.11);
            // Figures are printed to 0.1 km: no coverable site strictly between the two ends.
            expect(m.sites.filter((x) => x.corridor === corridor && !x.neverCoverable && x.km > a + 0.05 && x.km < b - 0.05).map((x) => x.id), where).toEqual([]);
          } else {
            const hopeless = m.sites.filter((x) => x.requiredByIndex !== null && x.neverCoverable);
            expect(hopeless.some((x) => line.includes(x.id)), `unexpected line "${line}" in ${where}`).toBe(true);
          }
        }
      }
    });
  });

  it('returns a consistent result, never a throw, with a tiny time limit on 300 sites', async () => {
    // Prepare
    const d = generateProvince({ seed: 5, sites: 300, budget: 'tight' });

    // Act
    const result = await plan(d, 0.01);

    // Assess
    expect(['optimal', 'feasible', 'unknown']).toContain(result.status);
    expect(result.sites).toHaveLength(300);
    expect(result.phases).toHaveLength(d.phases.length);
    if (result.status === 'unknown') {
      expect(result.objective).toBeNull();
      expect(result.warnings.length).toBeGreaterThan(0);
    } else {
      expect(result.objective).not.toBeNull();
      expect(planDiscrepancies(d, result)).toEqual([]);
      if (result.bound !== null) expect(result.bound).toBeLessThanOrEqual(result.objective! * (1 + REL));
      if (result.status === 'feasible') expect(result.gap).not.toBe(0);
    }
  });
});
