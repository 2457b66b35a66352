import type { Dataset, Plan } from './types.js';

/** The site selection as CSV (UTF-8 with BOM), one row per service area. */
export function sitesToCsv(_dataset: Dataset, _plan: Plan, _phaseId?: string): string {
  throw new Error('sitesToCsv: not implemented yet');
}

/** The site selection as a GeoJSON FeatureCollection of Points. */
export function sitesToGeoJson(_dataset: Dataset, _plan: Plan, _phaseId?: string): object {
  throw new Error('sitesToGeoJson: not implemented yet');
}
