/**
 * Where new sites are needed (SPEC 7.3), on hand-computed cases, and the
 * remedies of a re-plan (SPEC 6.3): those of its open problem.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countRules, replanPlan, solvePlan, type Dataset } from '../../solver/index.js';
import { closedPhaseIds, openProblem, readHistory } from '../../solver/open-problem.js';

const phase = (id: string, maxGapKm?: number): Dataset['phases'][number] => ({ id, year: Number(id), evShare: 0.05, ...(maxGapKm ? { maxGapKm } : {}) });

/** Three corridors whose stretches are worked out by hand below. */
function corridors(): Dataset {
  return {
    province: 'HAND',
    name: 'hand-computed stretches',
    baseYear: 2025,
    currency: 'CNY',
    phases: [phase('2026'), phase('2027', 100), phase('2028', 100), phase('2029', 120)],
    regions: [{ id: 'R', class: 'standard' }],
    corridors: [
      { id: 'G36', name: '沪渝高速', startKm: 0, endKm: 300 },
      { id: 'G1', startKm: 10, endKm: 220.3 },
      { id: 'G2', startKm: 0, endKm: 200 },
    ],
    serviceAreas: [
      { id: 'A', name: '三角元服务区', corridor: 'G36', km: 15, region: 'R' },
      { id: 'X', corridor: 'G36', km: 100, region: 'R', status: 'excluded' },
      { id: 'B', name: '大溪河', corridor: 'G36', km: 217.7, region: 'R' },
      { id: 'C', name: '枫林服务区', corridor: 'G1', km: 120.3, region: 'R' },
      { id: 'D', corridor: 'G2', km: 50, region: 'R', status: 'excluded' },
    ],
    traffic: [
      { corridor: 'G36', fromKm: 0, toKm: 300, aadt: 30000 },
      { corridor: 'G1', fromKm: 10, toKm: 220.3, aadt: 30000 },
      { corridor: 'G2', fromKm: 0, toKm: 200, aadt: 30000 },
    ],
  };
}

describe('new sites where a corridor has none', () => {
  it('proposes the closed form for each stretch: count, km rounded to 0.1 halves up, tightest maxGapKm and its earliest phase, names', async () => {
    // Prepare: G36 15 -> 217.7 (202.7 km; the excluded X does not split it): 2 sites at 15 + 202.7/3 = 82.57 and 150.13;
    // maxGapKm 100 (2027, 2028) is tighter than 120 (2029). G36 217.7 -> 300 is 82.3 km: none.
    // G1 10 -> 120.3 (110.3 km): 1 site at 65.15 -> 65.2 (halves up); 120.3 -> 220.3 is exactly 100 km: none.
    // G2 0 -> 200 (its only site excluded): 200/100 = 2 exactly, so 1 site, at 100.
    const dataset = corridors();

    // Act
    const plan = await solvePlan(dataset);

    // Assess
    expect(plan.status).toBe('infeasible');
    expect(plan.remedies!.newSites).toEqual([
      { corridor: 'G1', fromKm: 10, toKm: 120.3, maxGapKm: 100, phase: '2027', count: 1, atKm: [65.2], between: [null, '枫林服务区'] },
      { corridor: 'G2', fromKm: 0, toKm: 200, maxGapKm: 100, phase: '2027', count: 1, atKm: [100], between: [null, null] },
      { corridor: 'G36', fromKm: 15, toKm: 217.7, maxGapKm: 100, phase: '2027', count: 2, atKm: [82.6, 150.1], between: ['三角元服务区', '大溪河'] },
    ]);
    // Nine spacing rules (3 corridors x 3 phases); only G1's in 2029 (maxGapKm 120) is possible: cover 枫林服务区.
    expect(countRules(dataset)).toEqual({ rulesTotal: 9, impossible: 8 });
    expect(plan.remedies!.extraBudget.dropped).toHaveLength(8);
    expect(plan.remedies!.extraBudget).toMatchObject({ total: 0, byPhase: {} });
    expect(plan.remedies!.extraBudget.plan.sites.find((s) => s.id === 'C')!.buildPhase).toBe('2029');
    expect(plan.remedies!.withinBudget).toMatchObject({ rulesMet: 1, rulesTotal: 9, shortfall: 0 });
  });

  it('proposes nothing when no spacing rule is impossible', async () => {
    // Prepare: the stretches above without maxGapKm, and a target no region can meet.
    const dataset = corridors();
    dataset.phases = dataset.phases.map((p) => ({ id: p.id, year: p.year, evShare: p.evShare, targets: { standard: 1 } }));

    // Act
    const plan = await solvePlan(dataset);

    // Assess
    expect(plan.status).toBe('infeasible');
    expect(plan.remedies!.newSites).toEqual([]);
  });
});

describe('the remedies of a re-plan', () => {
  it('are those of its open problem', async () => {
    // Prepare: the demo with its 2024 budget cut to 30%, re-planned in 2024 (2023 closed, nothing reported built).
    const dataset = JSON.parse(readFileSync('data/demo.json', 'utf8')) as Dataset;
    for (const p of dataset.phases) if (p.budget !== undefined) p.budget *= 0.3;
    const asOf = '2024-02-01';
    const open = openProblem(dataset, new Set(closedPhaseIds(dataset, asOf)), readHistory(dataset, null, asOf)).dataset;

    // Act
    const replan = await replanPlan(dataset, { asOf, progress: null });
    const plain = await solvePlan(open);

    // Assess
    expect(replan.status).toBe('infeasible');
    const withoutStats = (v: unknown): string => JSON.stringify(v, (k, x: unknown) => (k === 'stats' ? undefined : x));
    expect(replan.remedies).toBeDefined();
    expect(withoutStats(replan.remedies)).toBe(withoutStats(plain.remedies));
    expect(replan.remedies!.extraBudget.plan.phases.map((p) => p.id)).toEqual(['2024', '2025']);
  });
});
