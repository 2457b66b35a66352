import type { Dataset } from '../types.js';

/**
 * The example rows of the template: a small but complete province, so the
 * template itself imports and plans, and each sheet shows a filled row of
 * every kind (an existing site, a required one, an excluded one).
 */
export const EXAMPLE_DATASET: Dataset = {
  province: 'GD',
  name: '广东省高速公路快充网络 2023-2025（示例）',
  baseYear: 2022,
  currency: 'CNY',
  phases: [
    { id: '2023', year: 2023, evShare: 0.04, targets: { priority: 0.5, standard: 0.4 } },
    { id: '2024', year: 2024, evShare: 0.06, targets: { priority: 0.65, standard: 0.5 }, budget: 20_000_000 },
    { id: '2025', year: 2025, evShare: 0.08, targets: { priority: 0.8, standard: 0.6 }, maxGapKm: 100 },
  ],
  regions: [
    { id: 'PRD', name: '珠三角', class: 'priority' },
    { id: 'NORTH', name: '粤北', class: 'standard' },
  ],
  corridors: [{ id: 'G4', name: '京港澳高速', startKm: 0, endKm: 200 }],
  serviceAreas: [
    { id: 'G4-010', name: '太和服务区', corridor: 'G4', km: 10, region: 'PRD', lat: 23.41, lon: 113.22, gridKw: 250 },
    { id: 'G4-045', name: '花都服务区', corridor: 'G4', km: 45, region: 'PRD', lat: 23.62, lon: 113.25, existingPiles: 2, maxPiles: 12 },
    { id: 'G4-080', name: '清远服务区', corridor: 'G4', km: 80, region: 'PRD', lat: 23.8, lon: 113.3 },
    { id: 'G4-120', name: '英德服务区', corridor: 'G4', km: 120, region: 'NORTH', lat: 24.18, lon: 113.4, status: 'required', requiredBy: '2024' },
    { id: 'G4-160', name: '乳源服务区', corridor: 'G4', km: 160, region: 'NORTH', lat: 24.6, lon: 113.5 },
    { id: 'G4-190', name: '坪石服务区', corridor: 'G4', km: 190, region: 'NORTH', lat: 25.2, lon: 113.05, status: 'excluded' },
  ],
  traffic: [
    { corridor: 'G4', fromKm: 0, toKm: 100, aadt: 68_000 },
    { corridor: 'G4', fromKm: 100, toKm: 200, aadt: 41_000 },
  ],
  assumptions: { trafficGrowth: 0.03 },
  costs: { site: 1_500_000, perPile: 180_000, gridPerKw: 600, discountRate: 0 },
};
