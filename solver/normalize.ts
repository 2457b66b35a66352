/**
 * Turns a validated data set into the canonical problem the planner works on:
 * defaults applied, every array sorted by id (phases by year), indices resolved.
 * Everything downstream reads only this, which is what makes the plan independent
 * of the order of the input arrays.
 */
import type { Assumptions, Costs, Dataset, Phase, RegionClass } from './types.js';
import type { SiteKind } from './rules.js';
import { makeStretchLookup } from './stretches.js';

export const defaultAssumptions: Assumptions = {
  trafficGrowth: 0.03,
  chargeRate: 0.05,
  peakHourShare: 0.1,
  sessionMinutes: 30,
  maxWaitProbability: 0.2,
  pileKw: 120,
  minPilesPerSite: 2,
  maxPilesPerSite: 20,
};

export const defaultCosts: Costs = {
  site: 1_500_000,
  perPile: 180_000,
  gridPerKw: 600,
  discountRate: 0,
};

export { KM_EPS } from './rules.js';
export type { SiteKind } from './rules.js';

export interface NSite {
  id: string;
  name: string | undefined;
  corridor: number;
  km: number;
  region: number;
  existingPiles: number;
  cap: number;
  gridKw: number;
  siteCost: number;
  kind: SiteKind;
  /** Declared status of the input (a required site can be existing-covered). */
  status: 'candidate' | 'excluded' | 'required';
  /** Index of the last phase by which a required site must be covered, else -1. */
  requiredBy: number;
  /** True when the site is excluded only because its pile cap is below minPilesPerSite. */
  capTooSmall: boolean;
  /** Base-year AADT of the stretch that holds the site. */
  baseAadt: number;
}

export interface NRegion {
  id: string;
  /** The region's name, for messages; null when the data set has none. */
  name: string | null;
  cls: RegionClass;
  sites: number[];
}

export interface NCorridor {
  id: string;
  /** The corridor's name, for messages; null when the data set has none. */
  name: string | null;
  startKm: number;
  endKm: number;
  /** Site indices in km order (ties by id). */
  sites: number[];
}

export interface Problem {
  province: string;
  phases: Phase[];
  /** Years since baseYear, per phase. */
  years: number[];
  /** Discount factor 1/(1+r)^y per phase. */
  discount: number[];
  assumptions: Assumptions;
  costs: Costs;
  sites: NSite[];
  regions: NRegion[];
  corridors: NCorridor[];
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Canonical problem of a data set that passed validation. */
export function normalize(dataset: Dataset): Problem {
  const assumptions: Assumptions = { ...defaultAssumptions, ...dataset.assumptions };
  const costs: Costs = { ...defaultCosts, ...dataset.costs };
  const phases = [...dataset.phases].sort((a, b) => a.year - b.year);
  const phaseIndex = new Map(phases.map((p, i) => [p.id, i]));
  const years = phases.map((p) => p.year - dataset.baseYear);
  const discount = years.map((y) => 1 / Math.pow(1 + costs.discountRate, y));

  const regions: NRegion[] = [...dataset.regions].sort(byId).map((r) => ({ id: r.id, name: r.name ?? null, cls: r.class, sites: [] }));
  const regionIndex = new Map(regions.map((r, i) => [r.id, i]));
  const corridors: NCorridor[] = [...dataset.corridors]
    .sort(byId)
    .map((c) => ({ id: c.id, name: c.name ?? null, startKm: c.startKm, endKm: c.endKm, sites: [] }));
  const corridorIndex = new Map(corridors.map((c, i) => [c.id, i]));

  const stretchAt = makeStretchLookup(dataset.traffic);

  const sites: NSite[] = [...dataset.serviceAreas].sort(byId).map((s) => {
    const cap = s.maxPiles ?? assumptions.maxPilesPerSite;
    const existingPiles = s.existingPiles ?? 0;
    const status = s.status ?? 'candidate';
    const capTooSmall = cap < assumptions.minPilesPerSite;
    const excluded = status === 'excluded' || capTooSmall;
    const kind: SiteKind = excluded
      ? 'excluded'
      : existingPiles >= assumptions.minPilesPerSite
        ? 'existing'
        : 'candidate';
    const requiredBy =
      status === 'required' ? (s.requiredBy !== undefined ? (phaseIndex.get(s.requiredBy) ?? -1) : phases.length - 1) : -1;
    return {
      id: s.id,
      name: s.name,
      corridor: corridorIndex.get(s.corridor) ?? -1,
      km: s.km,
      region: regionIndex.get(s.region) ?? -1,
      existingPiles,
      cap,
      gridKw: s.gridKw ?? 0,
      siteCost: s.siteCost ?? costs.site,
      kind,
      status,
      requiredBy,
      capTooSmall,
      baseAadt: stretchAt(s.corridor, s.km)?.aadt ?? 0,
    };
  });

  sites.forEach((s, i) => {
    regions[s.region]?.sites.push(i);
    corridors[s.corridor]?.sites.push(i);
  });
  for (const c of corridors) {
    c.sites.sort((a, b) => sites[a]!.km - sites[b]!.km || (sites[a]!.id < sites[b]!.id ? -1 : 1));
  }

  return { province: dataset.province, phases, years, discount, assumptions, costs, sites, regions, corridors };
}
