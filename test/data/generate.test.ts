import { describe, expect, it } from 'vitest';
import { datasetToJson, generateProvince, GenerateOptionsError, type GenerateOptions } from '../../data/generate-lib.js';
import { PROVINCES } from '../../data/provinces.js';
import { solvePlan, validateDataset } from '../../solver/index.js';
import type { Dataset } from '../../solver/types.js';

/** Structural rules of SPEC section 1 that the generator promises, checked independently of the validator. */
function structuralProblems(ds: Dataset): string[] {
  const problems: string[] = [];
  const unique = (kind: string, ids: string[]): void => {
    if (new Set(ids).size !== ids.length) problems.push(`${kind} ids are not unique`);
  };
  unique('phase', ds.phases.map((p) => p.id));
  unique('region', ds.regions.map((r) => r.id));
  unique('corridor', ds.corridors.map((c) => c.id));
  unique('service area', ds.serviceAreas.map((s) => s.id));
  ds.phases.forEach((p, i) => {
    if (p.year <= ds.baseYear) problems.push(`phase ${p.id} is not after the base year`);
    if (i > 0 && p.year <= (ds.phases[i - 1]?.year ?? 0)) problems.push(`phase ${p.id} year does not increase`);
    if (p.evShare < 0 || p.evShare > 1) problems.push(`phase ${p.id} evShare out of range`);
  });
  const corridors = new Map(ds.corridors.map((c) => [c.id, c]));
  const regions = new Set(ds.regions.map((r) => r.id));
  for (const c of ds.corridors) {
    const length = c.endKm - c.startKm;
    if (length < 80 - 1e-9 || length > 700 + 1e-9) problems.push(`corridor ${c.id} is ${length} km long`);
    const stretches = ds.traffic.filter((t) => t.corridor === c.id).sort((a, b) => a.fromKm - b.fromKm);
    let at = c.startKm;
    for (const t of stretches) {
      if (t.fromKm !== at) problems.push(`corridor ${c.id} traffic does not tile at km ${at}`);
      if (t.aadt < 8000 || t.aadt > 90000) problems.push(`corridor ${c.id} aadt ${t.aadt} out of range`);
      at = t.toKm;
    }
    if (at !== c.endKm) problems.push(`corridor ${c.id} traffic ends at ${at}, not ${c.endKm}`);
    const kms = ds.serviceAreas.filter((s) => s.corridor === c.id).map((s) => s.km).sort((a, b) => a - b);
    for (let i = 1; i < kms.length; i++) {
      const gap = (kms[i] ?? 0) - (kms[i - 1] ?? 0);
      if (gap < 35 - 0.11 || gap > 65 + 0.11) problems.push(`corridor ${c.id} has service areas ${gap} km apart`);
    }
  }
  for (const s of ds.serviceAreas) {
    const c = corridors.get(s.corridor);
    if (!c) problems.push(`${s.id}: unknown corridor`);
    else if (s.km < c.startKm || s.km > c.endKm) problems.push(`${s.id}: km outside its corridor`);
    if (!regions.has(s.region)) problems.push(`${s.id}: unknown region`);
    if ((s.existingPiles ?? 0) > (s.maxPiles ?? 20)) problems.push(`${s.id}: more existing piles than its cap`);
    if ((s.gridKw ?? 0) < 0 || (s.gridKw ?? 0) > 600) problems.push(`${s.id}: gridKw out of range`);
    if (s.requiredBy !== undefined && s.status !== 'required') problems.push(`${s.id}: requiredBy without required`);
    if (!s.name?.endsWith('服务区')) problems.push(`${s.id}: name ${s.name} is not a service area name`);
    if (s.lat === undefined || s.lon === undefined) problems.push(`${s.id}: no coordinates`);
  }
  return problems;
}

const SIZES: GenerateOptions[] = [
  { seed: 1, sites: 1 },
  { seed: 2, sites: 7, phases: 1 },
  { seed: 3, sites: 40, budget: 'tight' },
  { seed: 4, sites: 40, budget: 'loose', spacing: false },
  { seed: 5, sites: 120, phases: 5, budget: 'tight', discountRate: 0.05 },
  { seed: 6, sites: 300, province: 'ZJ', budget: 'tight' },
  { seed: 7, sites: 25, phases: 10, province: 'FJ' },
];

describe('generateProvince', () => {
  it('gives byte-identical output for the same options', () => {
    // Act
    const a = datasetToJson(generateProvince({ seed: 42, sites: 150, budget: 'tight', discountRate: 0.04 }));
    const b = datasetToJson(generateProvince({ seed: 42, sites: 150, budget: 'tight', discountRate: 0.04 }));

    // Assess
    expect(a).toBe(b);
  });

  it('gives different data sets for different seeds', () => {
    // Act
    const a = datasetToJson(generateProvince({ seed: 1, sites: 40, province: 'HE' }));
    const b = datasetToJson(generateProvince({ seed: 2, sites: 40, province: 'HE' }));

    // Assess
    expect(a).not.toBe(b);
  });

  it('changes only the budgets when only the budget mode changes', () => {
    // Act
    const none = generateProvince({ seed: 9, sites: 60 });
    const tight = generateProvince({ seed: 9, sites: 60, budget: 'tight' });

    // Assess
    expect(none.phases.every((p) => p.budget === undefined)).toBe(true);
    expect(tight.phases.every((p) => typeof p.budget === 'number' && p.budget > 0)).toBe(true);
    expect({ ...tight, phases: tight.phases.map(({ budget: _b, ...p }) => p) }).toEqual(none);
  });

  it.each(SIZES)('makes exactly the asked number of service areas (%o)', (options) => {
    // Act
    const ds = generateProvince(options);

    // Assess
    expect(ds.serviceAreas).toHaveLength(options.sites);
    expect(ds.phases).toHaveLength(options.phases ?? 3);
  });

  it.each(SIZES)('keeps the data set structurally sound (%o)', (options) => {
    // Act
    const ds = generateProvince(options);

    // Assess
    expect(structuralProblems(ds)).toEqual([]);
  });

  it.each(SIZES)('passes the data set validator (%o)', (options) => {
    // Act
    const result = validateDataset(JSON.parse(datasetToJson(generateProvince(options))));

    // Assess
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('ramps targets to 80% priority and 60% standard in the last phase, in 2025', () => {
    // Act
    const ds = generateProvince({ seed: 11, sites: 50, phases: 4 });
    const last = ds.phases[ds.phases.length - 1];

    // Assess
    expect(last).toMatchObject({ id: '2025', year: 2025, maxGapKm: 120, targets: { priority: 0.8, standard: 0.6 } });
    expect(ds.baseYear).toBe(2021);
    const priority = ds.phases.map((p) => p.targets?.priority ?? 0);
    expect([...priority].sort((a, b) => a - b)).toEqual(priority);
  });

  it('uses the preset classes of the province: Fujian all priority, a mix in Zhejiang', () => {
    // Act
    const fj = generateProvince({ seed: 3, sites: 200, province: 'FJ' });
    const zj = generateProvince({ seed: 3, sites: 200, province: 'ZJ' });

    // Assess
    expect(new Set(fj.regions.map((r) => r.class))).toEqual(new Set(['priority']));
    expect(new Set(zj.regions.map((r) => r.class))).toEqual(new Set(['priority', 'standard']));
    expect(fj.province).toBe('FJ');
  });

  it('includes existing piles, exclusions and required sites in a mid-sized province', () => {
    // Act
    const ds = generateProvince({ seed: 12, sites: 200 });

    // Assess
    const sites = ds.serviceAreas;
    expect(sites.some((s) => (s.existingPiles ?? 0) >= 2)).toBe(true);
    expect(sites.some((s) => s.existingPiles === 1)).toBe(true);
    expect(sites.some((s) => s.status === 'excluded')).toBe(true);
    expect(sites.some((s) => s.status === 'required' && s.requiredBy !== undefined)).toBe(true);
    expect(sites.some((s) => s.siteCost !== undefined)).toBe(true);
  });

  it('leaves spacing out when asked', () => {
    // Act
    const ds = generateProvince({ seed: 13, sites: 30, spacing: false });

    // Assess
    expect(ds.phases.every((p) => p.maxGapKm === undefined)).toBe(true);
  });

  it.each([
    { seed: 1, sites: 0 },
    { seed: 1, sites: 5001 },
    { seed: 1.5, sites: 10 },
    { seed: 1, sites: 10, phases: 11 },
    { seed: 1, sites: 10, province: 'XX' },
    { seed: 1, sites: 10, discountRate: -0.1 },
    { seed: 1, sites: 10, province: 'SX', regions: PROVINCES.find((p) => p.code === 'SX')!.cities.length + 1 },
  ])('rejects bad options (%o)', (options) => {
    // Act
    const act = (): Dataset => generateProvince(options);

    // Assess
    expect(act).toThrow(GenerateOptionsError);
  });

  it.each([
    { seed: 21, sites: 40, budget: 'tight' as const },
    { seed: 22, sites: 40, budget: 'tight' as const, discountRate: 0.08 },
    { seed: 23, sites: 60, budget: 'loose' as const, phases: 4 },
    { seed: 24, sites: 30, budget: 'tight' as const, phases: 2, province: 'HE' },
  ])('makes a feasible instance that the planner solves (%o)', async (options) => {
    // Act
    const plan = await solvePlan(generateProvince(options), { timeLimitSeconds: 30 });

    // Assess
    expect(plan.status).toBe('optimal');
    expect(plan.warnings).toEqual([]);
  });
});
