/**
 * The fields of a data set (SPEC v1 section 1) as the check reads them: the
 * keys each object may carry, the number rules, and the size limits applied
 * before anything else is inspected.
 */
import type { NumberRule } from './json-fields.js';
import { defaultAssumptions } from './normalize.js';
import type { RegionClass } from './types.js';

/** Size limits applied before anything else is inspected. */
export const DATASET_LIMITS = {
  phases: 10,
  regions: 5_000,
  corridors: 5_000,
  serviceAreas: 5_000,
  traffic: 50_000,
  /** Issues listed in one result (and in any error answer of the API); the rest are counted in a closing issue. */
  issues: 100,
  /**
   * Free text, in characters (Unicode code points): the data set's `name` and the
   * names of regions, corridors and service areas. The plan header stores the
   * data set's name, so this also bounds that item (at most 800 bytes of UTF-8).
   */
  nameChars: 200,
  /** Ids of phases, regions, corridors and service areas (they appear in every plan, CSV row and diff). */
  idChars: 64,
  /** The currency label (`CNY`, `万元`). */
  currencyChars: 16,
} as const;

/** Phase id that plans use for existing-covered sites, so no phase may use it. */
export const RESERVED_PHASE_ID = 'existing';

export const PROVINCE_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
export const REGION_CLASSES: readonly RegionClass[] = ['priority', 'standard'];
export const STATUSES = ['candidate', 'excluded', 'required'] as const;
export const DEFAULT_MAX_PILES_PER_SITE = defaultAssumptions.maxPilesPerSite;

export const TOP_KEYS = [
  'province',
  'name',
  'baseYear',
  'currency',
  'phases',
  'regions',
  'corridors',
  'serviceAreas',
  'traffic',
  'assumptions',
  'costs',
] as const;
export const PHASE_KEYS = ['id', 'year', 'evShare', 'targets', 'budget', 'maxGapKm'] as const;
export const TARGET_KEYS = ['priority', 'standard'] as const;
export const REGION_KEYS = ['id', 'name', 'class'] as const;
export const CORRIDOR_KEYS = ['id', 'name', 'startKm', 'endKm'] as const;
export const SERVICE_AREA_KEYS = [
  'id',
  'name',
  'corridor',
  'km',
  'region',
  'lat',
  'lon',
  'existingPiles',
  'maxPiles',
  'gridKw',
  'status',
  'requiredBy',
  'siteCost',
] as const;
export const STRETCH_KEYS = ['corridor', 'fromKm', 'toKm', 'aadt'] as const;
export const ASSUMPTION_KEYS = [
  'trafficGrowth',
  'chargeRate',
  'peakHourShare',
  'sessionMinutes',
  'maxWaitProbability',
  'pileKw',
  'minPilesPerSite',
  'maxPilesPerSite',
] as const;
export const COST_KEYS = ['site', 'perPile', 'gridPerKw', 'discountRate'] as const;

/**
 * The largest value each number field may hold (SPEC 1). With at most 5,000
 * sites, every cost, budget and total a plan computes from them stays below
 * Number.MAX_SAFE_INTEGER / 100, so money is carried exactly to the cent through
 * the solver, the table and every download.
 */
export const NUMBER_MAXIMA = {
  /** costs.site and a site's siteCost, in the data set's currency. */
  siteCost: 1e9,
  /** costs.perPile. */
  perPile: 1e6,
  /** costs.gridPerKw. */
  gridPerKw: 1e4,
  /** A phase's budget, and money spent in a progress report. */
  budget: 1e13,
  /** Piles at one site (existing, maximum, in service, the per-site assumptions). */
  piles: 1_000,
  /** assumptions.pileKw. */
  pileKw: 1_000,
  /** A site's gridKw. */
  gridKw: 1e6,
  /** A stretch's annual average daily traffic, vehicles a day. */
  aadt: 1e6,
  /** Any kilometre mark or gap, either sign. */
  km: 1e5,
  /** assumptions.sessionMinutes. */
  sessionMinutes: 1_440,
  /** Years (baseYear, phase years). */
  year: 9_999,
} as const;

export const SHARE: NumberRule = { min: 0, max: 1 };
export const KM: NumberRule = { min: -NUMBER_MAXIMA.km, limit: NUMBER_MAXIMA.km };
export const PILES: NumberRule = { integer: true, min: 0, limit: NUMBER_MAXIMA.piles };
/** Money up to the given maximum. */
export const money = (limit: number): NumberRule => ({ min: 0, limit });
export const COST_RULES: Record<(typeof COST_KEYS)[number], NumberRule> = {
  site: money(NUMBER_MAXIMA.siteCost),
  perPile: money(NUMBER_MAXIMA.perPile),
  gridPerKw: money(NUMBER_MAXIMA.gridPerKw),
  discountRate: { min: 0, limit: 100 },
};
export const POSITIVE: NumberRule = { min: 0, minExclusive: true };
export const NON_NEGATIVE: NumberRule = { min: 0 };
export const COUNT: NumberRule = { integer: true, min: 0 };
export const YEAR: NumberRule = { integer: true, limit: NUMBER_MAXIMA.year };
export const ANY: NumberRule = {};
