import { describe, expect, it } from 'vitest';
import { formatRemedies } from '../../cli/remedies.js';
import type { Dataset, Plan, Remedies } from '../../solver/types.js';

const dataset = {
  province: 'AH',
  name: 'test',
  baseYear: 2024,
  currency: 'CNY',
  phases: [],
  regions: [{ id: 'HF', name: '合肥市', class: 'priority' }],
  corridors: [{ id: 'G36', name: '宁洛高速', startKm: 0, endKm: 300 }],
  serviceAreas: [{ id: 'G3-001', name: '某某服务区', corridor: 'G36', km: 1, region: 'HF' }],
  traffic: [],
} as Dataset;

const plan = (status: Plan['status'], objective: number, gap = 0): Plan =>
  ({ status, objective, bound: objective, gap, phases: [], sites: [], warnings: [], diagnosis: [], warningDetails: [], diagnosisDetails: [], stats: { ms: 0, engine: 'highs-remedy', columns: 0, rows: 0 } }) as Plan;

describe('the remedies as the CLI prints them', () => {
  it('shows rules met of total, the rules missed, extra money per phase and new sites with km and names', () => {
    // Prepare
    const remedies: Remedies = {
      withinBudget: {
        rulesMet: 61,
        rulesTotal: 64,
        shortfall: 3,
        unmet: [
          { rule: 'coverage', region: 'HF', phase: '2025', covered: 10, required: 12 },
          { rule: 'spacing', corridor: 'G36', phase: '2028', impossible: true },
          { rule: 'required', site: 'G3-001', phase: '2026' },
        ],
        plan: plan('optimal', 401234567.8),
      },
      extraBudget: { total: 4200000, byPhase: { '2025': 4200000, '2026': 0 }, dropped: [{ rule: 'spacing', corridor: 'G36', phase: '2028' }], plan: plan('feasible', 5e8, 0.0012) },
      newSites: [{ corridor: 'G36', fromKm: 15, toKm: 217.7, maxGapKm: 100, phase: '2028', count: 2, atKm: [82.6, 150.1], between: ['三角元服务区', null] }],
    };

    // Act
    const text = formatRemedies(dataset, remedies);

    // Assess
    expect(text).toContain('Within the budgets: 61 of 64 rules met, shortfall 3 service areas; cost 401,234,568 CNY (optimal)');
    expect(text).toContain('misses coverage of region HF 合肥市 in 2025: 10 covered of 12 required\n');
    expect(text).toContain('misses spacing on corridor G36 宁洛高速 in 2028 (impossible)');
    expect(text).toContain('misses required service area G3-001 某某服务区 by 2026\n');
    expect(text).toContain('With more money: 4,200,000 CNY over the budgets (2025: 4,200,000, 2026: 0); cost 500,000,000 CNY (feasible, gap 0.1200%)');
    expect(text).toContain('drops spacing on corridor G36 宁洛高速 in 2028 (impossible)');
    expect(text).toContain('corridor G36 宁洛高速: 2 new sites at km 82.6, 150.1 between 三角元服务区 (km 15.0) and corridor end (km 217.7); maxGapKm 100 from 2028');
  });

  it('gives the reason when no plan fits the budgets', () => {
    // Prepare
    const remedies: Remedies = {
      withinBudget: { unavailable: 'phase 2025 needs at least 1.20e7 for piles at already covered service areas but its budget is 1.00e7: no plan fits the budgets' },
      extraBudget: { total: 2000000, byPhase: { '2025': 2000000 }, dropped: [], plan: plan('optimal', 1.2e7) },
      newSites: [],
    };

    // Act
    const text = formatRemedies(dataset, remedies);

    // Assess
    expect(text).toContain('Within the budgets: unavailable, phase 2025 needs at least 1.20e7');
    expect(text).toContain('New sites: none needed');
  });
});
