/**
 * Seeded generator of synthetic but plausible province data sets (SPEC v1
 * section 1). The same options always give the same data set, byte for byte
 * once serialised with `datasetToJson`: every random choice comes from one
 * mulberry32 stream and every number is rounded before it is stored.
 *
 * The instances are built to be feasible: exclusions never open a spacing gap
 * or starve a region's target, and budgets are derived from a concrete build
 * schedule that meets every target, spacing rule and required site, so that
 * schedule always fits the budgets.
 */
import { defaultAssumptions, defaultCosts } from '../solver/normalize.js';
import { requiredCount } from '../solver/rules.js';
import type { Assumptions, Corridor, Costs, Dataset, Phase, Region, ServiceArea, TrafficStretch } from '../solver/types.js';
import { setBudgets, type BudgetMode } from './budgets.js';
import { dist, pointAlong, Projection, walkPath } from './geometry.js';
import { Namer } from './names.js';
import { NAMED_PROVINCES, NATIONAL_ROUTES, PROVINCES, type CityPreset, type ProvincePreset } from './provinces.js';
import { at, round, Rng } from './random.js';

export type { BudgetMode } from './budgets.js';
export { mulberry32 } from './random.js';

export interface GenerateOptions {
  /** PRNG seed; any integer (taken modulo 2^32). */
  seed: number;
  /** Number of service areas, 1..5000. */
  sites: number;
  /** Number of phases, 1..10, one a year, the last one in 2025. Default 3. */
  phases?: number;
  /**
   * `none`: no budgets; `loose`: generous budgets in every phase; `tight`:
   * budgets within a few percent of a spread-out feasible schedule. Default `none`.
   */
  budget?: BudgetMode;
  /** Spacing rules (maxGapKm 150 in middle phases, 120 in the last). Default true. */
  spacing?: boolean;
  /** costs.discountRate, [0, 1]. Default 0. */
  discountRate?: number;
  /** Province preset code (see PROVINCES); default one picked by the seed. */
  province?: string;
  /** Number of regions (cities of the preset); default grows with the size, 2..all. */
  regions?: number;
}

export class GenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateOptionsError';
  }
}

/** The planner's own defaults: the generator sizes budgets with the figures the planner will use. */
export const DEFAULT_ASSUMPTIONS: Assumptions = defaultAssumptions;
export const DEFAULT_COSTS: Costs = defaultCosts;

const FINAL_YEAR = 2025;
const FINAL_TARGETS = { priority: 0.8, standard: 0.6 } as const;
const FIRST_TARGETS = { priority: 0.5, standard: 0.4 } as const;
const MIN_CORRIDOR_KM = 80;
const MAX_CORRIDOR_KM = 700;

/** Serialised form used for the committed files: two-space JSON and a final newline. */
export function datasetToJson(dataset: Dataset): string {
  return JSON.stringify(dataset, null, 2) + '\n';
}

// ---------------------------------------------------------------------------
// Options

interface ResolvedOptions {
  seed: number;
  sites: number;
  phases: number;
  budget: BudgetMode;
  spacing: boolean;
  discountRate: number;
  province: ProvincePreset;
  regions: number;
}

function resolveOptions(options: GenerateOptions, rng: Rng): ResolvedOptions {
  const { seed, sites } = options;
  if (!Number.isInteger(seed)) throw new GenerateOptionsError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(sites) || sites < 1 || sites > 5000) {
    throw new GenerateOptionsError(`sites must be an integer in 1..5000, got ${sites}`);
  }
  const phases = options.phases ?? 3;
  if (!Number.isInteger(phases) || phases < 1 || phases > 10) {
    throw new GenerateOptionsError(`phases must be an integer in 1..10, got ${phases}`);
  }
  const budget = options.budget ?? 'none';
  if (budget !== 'tight' && budget !== 'loose' && budget !== 'none') {
    throw new GenerateOptionsError(`budget must be tight, loose or none, got ${String(budget)}`);
  }
  const discountRate = options.discountRate ?? 0;
  if (!Number.isFinite(discountRate) || discountRate < 0 || discountRate > 1) {
    throw new GenerateOptionsError(`discount rate must be in [0, 1], got ${discountRate}`);
  }
  // Drawn even when a province is given, so the rest of the stream does not depend on it.
  const seededProvince = rng.pick(PROVINCES);
  let province = seededProvince;
  if (options.province !== undefined) {
    const found = [...PROVINCES, ...NAMED_PROVINCES].find((p) => p.code === options.province);
    if (!found) {
      throw new GenerateOptionsError(
        `unknown province ${options.province}; known: ${[...PROVINCES, ...NAMED_PROVINCES].map((p) => p.code).join(', ')}`,
      );
    }
    province = found;
  }
  const maxRegions = province.cities.length;
  const regions = options.regions ?? Math.max(2, Math.min(maxRegions, Math.ceil(sites / 12)));
  if (!Number.isInteger(regions) || regions < 1 || regions > maxRegions) {
    throw new GenerateOptionsError(`regions must be an integer in 1..${maxRegions} for ${province.code}, got ${regions}`);
  }
  return { seed, sites, phases, budget, spacing: options.spacing ?? true, discountRate, province, regions };
}

// ---------------------------------------------------------------------------
// Phases

function makePhases(opts: ResolvedOptions, rng: Rng): { baseYear: number; phases: Phase[] } {
  const n = opts.phases;
  const baseYear = FINAL_YEAR - n;
  const phases: Phase[] = [];
  for (let i = 0; i < n; i++) {
    const year = baseYear + 1 + i;
    const f = n === 1 ? 1 : i / (n - 1);
    const phase: Phase = {
      id: String(year),
      year,
      evShare: round(0.04 + 0.04 * f + rng.uniform(-0.004, 0.004), 3),
      targets: {
        priority: round(FIRST_TARGETS.priority + (FINAL_TARGETS.priority - FIRST_TARGETS.priority) * (n === 1 ? 1 : f), 2),
        standard: round(FIRST_TARGETS.standard + (FINAL_TARGETS.standard - FIRST_TARGETS.standard) * (n === 1 ? 1 : f), 2),
      },
    };
    if (opts.spacing) {
      if (i === n - 1) phase.maxGapKm = 120;
      else if (i >= Math.floor(n / 2)) phase.maxGapKm = 150;
    }
    phases.push(phase);
  }
  return { baseYear, phases };
}

// ---------------------------------------------------------------------------
// The generator

export function generateProvince(options: GenerateOptions): Dataset {
  const rng = new Rng(options.seed);
  const opts = resolveOptions(options, rng);
  const { baseYear, phases } = makePhases(opts, rng);
  const asm = DEFAULT_ASSUMPTIONS;
  const costs: Costs = { ...DEFAULT_COSTS, discountRate: opts.discountRate };
  const namer = new Namer(rng);

  // Regions: a mix of classes when the preset has both.
  const shuffled = rng.shuffle(opts.province.cities);
  const chosenCities: CityPreset[] = [];
  for (const cls of ['priority', 'standard'] as const) {
    const first = shuffled.find((c) => c.class === cls);
    if (first && chosenCities.length < opts.regions) chosenCities.push(first);
  }
  for (const c of shuffled) {
    if (chosenCities.length >= opts.regions) break;
    if (!chosenCities.includes(c)) chosenCities.push(c);
  }
  const lat0 = chosenCities.reduce((s, c) => s + c.lat, 0) / chosenCities.length;
  const lon0 = chosenCities.reduce((s, c) => s + c.lon, 0) / chosenCities.length;
  const proj = new Projection(lat0, lon0);
  const cityPoints = chosenCities.map((c) => proj.toPoint(c.lat, c.lon));

  // Corridors and their service areas.
  const national = rng.shuffle(NATIONAL_ROUTES);
  let provincialNo = 0;
  const corridors: Corridor[] = [];
  const traffic: TrafficStretch[] = [];
  const serviceAreas: ServiceArea[] = [];
  let remaining = opts.sites;
  while (remaining > 0) {
    const length = rng.uniform(MIN_CORRIDOR_KM, MAX_CORRIDOR_KM);
    const nationalRoute = national[corridors.length];
    const startKm = nationalRoute ? rng.int(0, 30) * 50 : 0;
    // Service areas ~50 km apart, the first 10-35 km in.
    const kms: number[] = [];
    let km = startKm + rng.uniform(10, 35);
    while (km < startKm + length - 8 && kms.length < remaining) {
      kms.push(round(km, 1));
      km += rng.uniform(35, 65);
    }
    if (kms.length === 0) kms.push(round(startKm + rng.uniform(10, 35), 1));
    const lastKm = at(kms, kms.length - 1);
    let endKm = round(startKm + length, 1);
    if (kms.length === remaining && lastKm + 8 < endKm) endKm = round(lastKm + rng.uniform(8, 35), 1);
    endKm = Math.max(endKm, round(startKm + MIN_CORRIDOR_KM + rng.uniform(0, 20), 1), round(lastKm + 8, 1));
    const corridorLength = endKm - startKm;

    const winding = rng.uniform(1.1, 1.3);
    const { points, visited } = walkPath(cityPoints, corridorLength / winding, rng);
    const offset = rng.uniform(-8, 8);
    const passed = [...new Set(visited)].map((i) => at(chosenCities, i).name.charAt(0));
    let id: string;
    let name: string;
    if (nationalRoute) {
      id = nationalRoute[0];
      name = namer.corridor(`${nationalRoute[1]}高速`);
    } else {
      provincialNo += rng.int(1, 3);
      id = `S${10 + provincialNo}`;
      name = namer.corridor(`${passed.slice(0, 3).join('')}${passed.length === 1 ? '环线' : ''}高速`);
    }
    const corridor: Corridor = { id, name, startKm, endKm };
    corridors.push(corridor);

    for (const k of kms) {
      const f = (k - startKm) / corridorLength;
      const p = pointAlong(points, f, offset + rng.uniform(-1.5, 1.5));
      let nearest = 0;
      for (let i = 1; i < cityPoints.length; i++) {
        if (dist(p, at(cityPoints, i)) < dist(p, at(cityPoints, nearest))) nearest = i;
      }
      const cityOfSite = at(chosenCities, nearest);
      const { lat, lon } = proj.toLatLon(p);
      serviceAreas.push({
        id: `${id}-${String(Math.round(k)).padStart(3, '0')}`,
        name: namer.serviceArea(cityOfSite),
        corridor: id,
        km: k,
        region: cityOfSite.id,
        lat: round(lat, 4),
        lon: round(lon, 4),
      });
    }
    remaining -= kms.length;

    // Traffic stretches tiling the corridor, 25-160 km each.
    const base = Math.exp(rng.uniform(Math.log(12_000), Math.log(60_000)));
    let from = startKm;
    while (from < endKm) {
      let to = Math.round(from + rng.uniform(25, 160));
      if (to >= endKm - 20) to = endKm;
      const aadt = Math.min(90_000, Math.max(8_000, Math.round((base * rng.uniform(0.75, 1.35)) / 100) * 100));
      traffic.push({ corridor: id, fromKm: from, toKm: to, aadt });
      from = to;
    }
  }

  // Regions that received service areas, in preset order.
  const usedRegions = new Set(serviceAreas.map((s) => s.region));
  const regions: Region[] = opts.province.cities
    .filter((c) => usedRegions.has(c.id) && chosenCities.includes(c))
    .map((c) => ({ id: c.id, name: `${c.name}市`, class: c.class }));

  // Site attributes: existing piles, land limits, grid capacity, cost overrides.
  const gridChoices = [0, 0, 0, 100, 160, 200, 250, 250, 315, 400, 500, 600];
  for (const sa of serviceAreas) {
    const r = rng.float();
    if (r < 0.1) sa.existingPiles = rng.int(asm.minPilesPerSite, asm.minPilesPerSite + 2);
    else if (r < 0.16) sa.existingPiles = 1;
    const m = rng.float();
    if (m < 0.05) sa.maxPiles = rng.int(4, 6);
    else if (m < 0.3) sa.maxPiles = rng.int(8, 16);
    let grid = rng.pick(gridChoices);
    if ((sa.existingPiles ?? 0) > 0) grid = Math.max(grid, Math.min(600, (sa.existingPiles ?? 0) * asm.pileKw));
    if (grid > 0) sa.gridKw = grid;
    if (rng.chance(0.1)) sa.siteCost = Math.round(rng.uniform(900_000, 3_000_000) / 10_000) * 10_000;
  }

  // Exclusions: never open a gap wider than the tightest spacing rule (with
  // margin even when spacing is off, so that switching it on stays feasible),
  // never below a region's final target.
  const tightestGap = 120;
  const regionSize = new Map<string, number>();
  for (const sa of serviceAreas) regionSize.set(sa.region, (regionSize.get(sa.region) ?? 0) + 1);
  const excludedIn = new Map<string, number>();
  const classOf = new Map(regions.map((r) => [r.id, r.class]));
  const corridorById = new Map(corridors.map((c) => [c.id, c]));
  const excludeCount = Math.max(opts.sites >= 8 ? 1 : 0, Math.round(opts.sites * 0.025));
  const byCorridor = new Map<string, ServiceArea[]>();
  for (const sa of serviceAreas) {
    const list = byCorridor.get(sa.corridor) ?? [];
    list.push(sa);
    byCorridor.set(sa.corridor, list);
  }
  let excluded = 0;
  for (const sa of rng.shuffle(serviceAreas)) {
    if (excluded >= excludeCount) break;
    if ((sa.existingPiles ?? 0) >= asm.minPilesPerSite) continue;
    const size = regionSize.get(sa.region) ?? 0;
    const share = FINAL_TARGETS[classOf.get(sa.region) ?? 'standard'];
    if (size - (excludedIn.get(sa.region) ?? 0) - 1 < requiredCount(share, size) + 1) continue;
    const list = byCorridor.get(sa.corridor) ?? [];
    const i = list.indexOf(sa);
    const prev = list[i - 1];
    const next = list[i + 1];
    if (prev?.status === 'excluded' || next?.status === 'excluded') continue;
    const corridor = corridorById.get(sa.corridor);
    if (!corridor) continue;
    const left = prev ? prev.km : corridor.startKm;
    const right = next ? next.km : corridor.endKm;
    if (right - left > tightestGap - 10) continue;
    sa.status = 'excluded';
    excludedIn.set(sa.region, (excludedIn.get(sa.region) ?? 0) + 1);
    excluded++;
  }

  // Required sites: a few, by a stated phase or (no requiredBy) the last one.
  const requiredSites = Math.max(opts.sites >= 8 ? 1 : 0, Math.round(opts.sites * 0.025));
  let required = 0;
  for (const sa of rng.shuffle(serviceAreas)) {
    if (required >= requiredSites) break;
    if (sa.status === 'excluded' || (sa.existingPiles ?? 0) >= asm.minPilesPerSite) continue;
    sa.status = 'required';
    if (rng.chance(0.7)) sa.requiredBy = rng.pick(phases).id;
    required++;
  }

  const firstYear = at(phases, 0).year;
  const dataset: Dataset = {
    province: opts.province.code,
    name: `${opts.province.name}高速公路快充网络 ${firstYear === FINAL_YEAR ? FINAL_YEAR : `${firstYear}-${FINAL_YEAR}`}（合成数据）`,
    baseYear,
    currency: 'CNY',
    phases,
    regions,
    corridors,
    serviceAreas,
    traffic,
    assumptions: { ...asm },
    costs,
  };
  // Budgets from a concrete feasible schedule.
  if (opts.budget !== 'none') setBudgets(dataset, opts.budget, rng);
  return dataset;
}
