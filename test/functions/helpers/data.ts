import { readFileSync } from 'node:fs';
import { generateProvince } from '../../../data/generate-lib.js';
import type { Dataset, Plan, PlanStatus } from '../../../solver/index.js';

/** A hand-written 6-site Guangdong data set (SPEC section 1); solves in milliseconds. */
export function tinyDataset(overrides: Partial<Dataset> = {}): Dataset {
  const base = JSON.parse(readFileSync(new URL('../fixtures/tiny.json', import.meta.url), 'utf8')) as Dataset;
  return { ...base, ...overrides };
}

/** The repository's demo province (40 sites, Zhejiang). */
export function demoDataset(): Dataset {
  return JSON.parse(readFileSync(new URL('../../../data/demo.json', import.meta.url), 'utf8')) as Dataset;
}

/** A synthetic province of `sites` service areas from the seeded generator. */
export function largeDataset(sites: number, province = 'SN'): Dataset {
  return generateProvince({ seed: sites, sites, province, budget: 'none' });
}

/**
 * A plan-shaped value for storage tests that must not depend on solving:
 * every site listed once with figures per phase, text in Chinese.
 */
export function syntheticPlan(dataset: Dataset, status: PlanStatus = 'optimal'): Plan {
  const phaseIds = dataset.phases.map((phase) => phase.id);
  return {
    status,
    objective: 123_456_789.5,
    bound: status === 'optimal' ? 123_456_789.5 : 120_000_000,
    gap: status === 'optimal' ? 0 : 0.0280,
    phases: dataset.phases.map((phase, index) => ({
      id: phase.id,
      year: phase.year,
      capex: 1_000_000 * (index + 1),
      newSites: index,
      piles: 10 * (index + 1),
      coverage: dataset.regions.map((region) => ({ region: region.id, covered: 1, total: 2, required: phase.targets ? 1 : null, rate: 0.5 })),
    })),
    sites: dataset.serviceAreas.map((area, index) => {
      const build = index % 3 === 0 ? null : phaseIds[index % phaseIds.length]!;
      const from = build === null ? phaseIds.length : phaseIds.indexOf(build);
      const after = phaseIds.slice(from);
      return {
        id: area.id,
        buildPhase: build,
        piles: Object.fromEntries(phaseIds.map((id, i) => [id, i >= from ? 2 + i : 0])),
        capex: Object.fromEntries(after.map((id) => [id, 1_500_000 + index])),
        shortfall: Object.fromEntries(after.map((id) => [id, 0])),
      };
    }),
    warnings: ['服务区 G4-190 停车位不足，按排除处理'],
    diagnosis: [],
    warningDetails: [{ code: 'plain', params: { text: '服务区 G4-190 停车位不足，按排除处理' } }],
    diagnosisDetails: [],
    stats: { ms: 12, engine: 'highs', columns: 42, rows: 17 },
  };
}

/**
 * The demo made infeasible three ways at once (SPEC 7): its 2024 budget cut to
 * 6.0e6 (绍兴 misses its 2024 target by one service area; 204,000 more meets it),
 * and two G1512 service areas excluded, which leaves 159.4 km with no coverable
 * service area against 2025's maxGapKm of 120 (one new site proposed, km 1117.1).
 */
export function infeasibleDemo(province = 'ZJ'): Dataset {
  const dataset = demoDataset();
  return {
    ...dataset,
    province,
    phases: dataset.phases.map((phase) => (phase.budget === undefined ? phase : { ...phase, budget: 6_000_000 })),
    serviceAreas: dataset.serviceAreas.map((area) => (area.id === 'G1512-1099' || area.id === 'G1512-1156' ? { ...area, status: 'excluded' as const } : area)),
  };
}
