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
  /** Issues listed in one result; the rest are counted in a closing issue. */
  issues: 1_000,
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

export const SHARE: NumberRule = { min: 0, max: 1 };
export const POSITIVE: NumberRule = { min: 0, minExclusive: true };
export const NON_NEGATIVE: NumberRule = { min: 0 };
export const COUNT: NumberRule = { integer: true, min: 0 };
export const YEAR: NumberRule = { integer: true };
export const ANY: NumberRule = {};
