import { describe, expect, it } from 'vitest';
import { replanPlan, solvePlan, type Dataset, type Plan, type RegionCoverage } from '../../solver/index.js';
import { targetsMatrix } from '../../solver/targets.js';
import { demoDataset } from '../functions/helpers/data.js';

/** Three regions, a phase without targets and one with 80/60; the figures below are worked by hand. */
function handDataset(): Dataset {
  return {
    province: 'ZJ', name: '手算', baseYear: 2022, currency: 'CNY',
    phases: [
      { id: '2024', year: 2024, evShare: 0.05, budget: 4_000_000 },
      { id: '2025', year: 2025, evShare: 0.08, targets: { priority: 0.8, standard: 0.6 } },
    ],
    regions: [{ id: 'A', name: '甲市', class: 'priority' }, { id: 'B', name: '乙市', class: 'standard' }, { id: 'C', class: 'priority' }],
    corridors: [], serviceAreas: [], traffic: [],
    costs: { discountRate: 0.05 },
  };
}

const cover = (region: string, covered: number, total: number, required: number | null, extra: Partial<RegionCoverage> = {}): RegionCoverage =>
  ({ region, covered, total, required, rate: total > 0 ? covered / total : 0, ...extra });

function handPlan(): Plan {
  return {
    status: 'optimal', objective: 7_500_000, bound: 7_500_000, gap: 0,
    phases: [
      { id: '2024', year: 2024, capex: 3_000_000, newSites: 2, piles: 4, coverage: [cover('A', 2, 10, null), cover('B', 0, 10, null), cover('C', 0, 5, null)] },
      { id: '2025', year: 2025, capex: 5_000_000, newSites: 14, piles: 40, coverage: [cover('A', 8, 10, 8), cover('B', 5, 10, 6), cover('C', 3, 5, 4)] },
    ],
    sites: [], warnings: [], diagnosis: [], warningDetails: [], diagnosisDetails: [], stats: { ms: 1, engine: 'test', columns: 0, rows: 0 },
  };
}

describe('the targets matrix', () => {
  it('lists every region of every phase with targets, met or short by how many service areas', () => {
    // Act
    const matrix = targetsMatrix(handDataset(), handPlan());

    // Assess
    expect(matrix.cells).toEqual([
      { region: 'A', name: '甲市', class: 'priority', phase: '2025', covered: 8, total: 10, required: 8, target: 0.8, rate: 0.8, met: true, shortfall: 0 },
      { region: 'B', name: '乙市', class: 'standard', phase: '2025', covered: 5, total: 10, required: 6, target: 0.6, rate: 0.5, met: false, shortfall: 1 },
      { region: 'C', name: 'C', class: 'priority', phase: '2025', covered: 3, total: 5, required: 4, target: 0.8, rate: 0.6, met: false, shortfall: 1 },
    ]);
    expect(matrix.phases).toEqual([
      { phase: '2024', year: 2024, closed: false, hasTargets: false, targetsMet: 0, targetsTotal: 0 },
      { phase: '2025', year: 2025, closed: false, hasTargets: true, targetsMet: 1, targetsTotal: 3 },
    ]);
    expect(matrix.finalPhase).toBe('2025');
  });

  it('sums each class at the final target phase against the class target, in service areas and percentage points', () => {
    // Act
    const { classes } = targetsMatrix(handDataset(), handPlan());

    // Assess: priority 11 of 15 against ceil(0.8 x 15) = 12; standard 5 of 10 against 6.
    expect(classes.map(({ shortfallPoints: _, rate: __, ...rest }) => rest)).toEqual([
      { class: 'priority', phase: '2025', regions: 2, regionsMet: 1, covered: 11, total: 15, target: 0.8, required: 12, met: false, shortfallSites: 1 },
      { class: 'standard', phase: '2025', regions: 1, regionsMet: 0, covered: 5, total: 10, target: 0.6, required: 6, met: false, shortfallSites: 1 },
    ]);
    expect(classes[0]!.rate).toBeCloseTo(11 / 15, 12);
    expect(classes[0]!.shortfallPoints).toBeCloseTo((0.8 - 11 / 15) * 100, 9);
    expect(classes[1]!.shortfallPoints).toBeCloseTo(10, 9);
  });

  it('counts a class as met with no shortfall when its regions together reach the target', () => {
    // Prepare: C gets its fourth service area, so priority is 12 of 15.
    const plan = handPlan();
    plan.phases[1]!.coverage[2] = cover('C', 4, 5, 4);

    // Act
    const [priority] = targetsMatrix(handDataset(), plan).classes;

    // Assess
    expect(priority).toMatchObject({ covered: 12, required: 12, met: true, shortfallSites: 0, shortfallPoints: 0, regionsMet: 2 });
  });

  it('states the nominal total beside the discounted objective and its rate', () => {
    // Act
    const { money } = targetsMatrix(handDataset(), handPlan());

    // Assess
    expect(money).toEqual({ nominal: 8_000_000, discounted: 7_500_000, discountRate: 0.05 });
  });

  it("keeps a re-plan's reported spending apart from what the open phases plan, naming closed phases without a report", () => {
    // Prepare
    const dataset = handDataset();
    dataset.phases.unshift({ id: '2023', year: 2023, evShare: 0.03 });
    const plan: Plan = {
      ...handPlan(), asOf: '2025-03-01', dataRevision: 1, progressAsOf: '2024-12-31', slipped: [],
      phases: [
        { id: '2023', year: 2023, capex: 2_000_000, newSites: 1, piles: 2, coverage: [], closed: true },
        { ...handPlan().phases[0]!, capex: null, closed: true },
        { ...handPlan().phases[1]!, closed: false, coverage: [cover('A', 8, 10, 8, { met: true }), cover('B', 5, 10, 6, { met: false }), cover('C', 3, 5, 4, { met: false })] },
      ],
    };

    // Act
    const { money, phases } = targetsMatrix(dataset, plan);

    // Assess
    expect(money).toEqual({ nominal: 7_000_000, discounted: 7_500_000, discountRate: 0.05, spent: 2_000_000, planned: 5_000_000, unreported: ['2024'] });
    expect(phases.map((phase) => phase.closed)).toEqual([true, true, false]);
  });

  it('has no final phase and no class figures when no phase states targets', () => {
    // Prepare
    const dataset = handDataset();
    delete dataset.phases[1]!.targets;
    const plan = handPlan();
    plan.phases[1]!.coverage = plan.phases[1]!.coverage.map((coverage) => ({ ...coverage, required: null }));

    // Act
    const matrix = targetsMatrix(dataset, plan);

    // Assess
    expect(matrix).toMatchObject({ cells: [], finalPhase: null, classes: [] });
    expect(matrix.phases.every((phase) => !phase.hasTargets && phase.targetsTotal === 0)).toBe(true);
  });
});

describe('the targets matrix of the demo', () => {
  it('meets every target of the optimal plan, and its nominal total exceeds the discounted one', async () => {
    // Prepare
    const dataset = demoDataset();
    const plan = await solvePlan(dataset);

    // Act
    const matrix = targetsMatrix(dataset, plan);

    // Assess
    expect(plan.status).toBe('optimal');
    expect(matrix.cells).toHaveLength(dataset.phases.length * dataset.regions.length);
    expect(matrix.cells.every((cell) => cell.met && cell.shortfall === 0 && cell.covered >= cell.required)).toBe(true);
    expect(matrix.phases.map((phase) => [phase.targetsMet, phase.targetsTotal])).toEqual(dataset.phases.map(() => [3, 3]));
    expect(matrix.classes.map((entry) => [entry.class, entry.met])).toEqual([['priority', true], ['standard', true]]);
    const capex = plan.phases.reduce((sum, phase) => sum + phase.capex!, 0);
    expect(matrix.money.nominal).toBeCloseTo(capex, 6);
    // Spending from 2023 on, discounted at 4% from 2022: the objective is below the nominal sum.
    expect(matrix.money.discounted).toBe(plan.objective);
    expect(matrix.money.discounted!).toBeLessThan(matrix.money.nominal!);
    expect(matrix.money.discountRate).toBe(0.04);
  });

  it('shows every target missed when a re-plan closes every phase with nothing reported', async () => {
    // Prepare
    const dataset = demoDataset();

    // Act
    const replan = await replanPlan(dataset, { asOf: '2026-01-15', progress: null });
    const matrix = targetsMatrix(dataset, replan);

    // Assess
    expect(matrix.phases.every((phase) => phase.closed && phase.targetsMet === 0 && phase.targetsTotal === 3)).toBe(true);
    expect(matrix.cells.every((cell) => !cell.met && cell.shortfall === cell.required - cell.covered)).toBe(true);
    expect(matrix.money).toMatchObject({ spent: null, planned: 0, unreported: ['2023', '2024', '2025'] });
  });
});
