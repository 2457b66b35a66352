/**
 * The columns of a plan's site downloads, described once: name, value, number
 * format and which download shapes carry it. The CSV and the workbook's sites
 * sheet, the two GeoJSON shapes and the API's JSON download (export.ts) all
 * derive from these two lists; a new column is one entry here.
 *
 * Each shape has its own word for a figure a site does not have (export.ts):
 * an empty CSV cell, null in GeoJSON and the JSON's fixed fields, a missing key
 * in the JSON's per-phase records and 0 in its one-phase figures.
 */
import { isCoveredIn } from './coverage.js';
import { ownValue } from './own.js';
import type { RegionClass, ServiceArea, SitePlan } from './types.js';

export type Cell = string | number | boolean | null | undefined;

/**
 * A download's shape: `csv` (also the workbook's sites sheet), `geojson` and
 * `json` over all phases; `-phase` the same for one phase.
 */
export type SiteShape = 'csv' | 'csv-phase' | 'geojson' | 'geojson-phase' | 'json' | 'json-phase';

/** One service area of a download: the data set's row and the plan's, either possibly missing. */
export interface SiteRow {
  id: string;
  area: ServiceArea | undefined;
  regionClass: RegionClass | undefined;
  site: SitePlan | undefined;
  /** For a required site, the phase by which it must be covered (default the last phase). */
  requiredBy: string | undefined;
}

export const MONEY = '#,##0';
export const WHOLE = '0';
const KM = '0.0##';
const DEGREES = '0.00000';

/** A column with one value per site. */
export interface SiteColumn {
  name: string;
  value: (row: SiteRow, phaseId: string | undefined) => Cell;
  /** Excel number format in the workbook. */
  numFmt?: string;
  shapes: readonly SiteShape[];
}

/** A figure with one value per site and phase: `piles_2025` in the CSV, `piles: {"2025": 6}` or `piles: 6` elsewhere. */
export interface PhaseFigure {
  name: string;
  value: (row: SiteRow, phaseId: string, phaseIds: readonly string[]) => Cell;
  numFmt?: string;
  shapes: readonly SiteShape[];
  /** The CSV's name in its one-phase shape, when not `<name>_<phase>`. */
  csvPhaseName?: string;
}

const EVERY: readonly SiteShape[] = ['csv', 'csv-phase', 'geojson', 'geojson-phase', 'json', 'json-phase'];
/** GeoJSON carries the position as the feature's geometry. */
const WITH_POSITION: readonly SiteShape[] = ['csv', 'csv-phase', 'json', 'json-phase'];

export const SITE_COLUMNS: readonly SiteColumn[] = [
  { name: 'id', value: (r) => r.id, shapes: EVERY },
  { name: 'name', value: (r) => r.area?.name, shapes: EVERY },
  { name: 'corridor', value: (r) => r.area?.corridor, shapes: EVERY },
  { name: 'km', value: (r) => r.area?.km, numFmt: KM, shapes: EVERY },
  { name: 'region', value: (r) => r.area?.region, shapes: EVERY },
  { name: 'regionClass', value: (r) => r.regionClass, shapes: EVERY },
  { name: 'lat', value: (r) => r.area?.lat, numFmt: DEGREES, shapes: WITH_POSITION },
  { name: 'lon', value: (r) => r.area?.lon, numFmt: DEGREES, shapes: WITH_POSITION },
  { name: 'status', value: (r) => r.area?.status ?? 'candidate', shapes: EVERY },
  { name: 'requiredBy', value: (r) => r.requiredBy, shapes: ['json', 'json-phase'] },
  { name: 'buildPhase', value: (r) => r.site?.buildPhase ?? undefined, shapes: EVERY },
  // The JSON download names its phase once, at the top.
  { name: 'phase', value: (_, phaseId) => phaseId, shapes: ['geojson-phase'] },
];

export const PHASE_FIGURES: readonly PhaseFigure[] = [
  { name: 'piles', value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.piles, p)), numFmt: WHOLE, shapes: EVERY },
  { name: 'capex', value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.capex, p)), numFmt: MONEY, shapes: EVERY },
  { name: 'shortfall', value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.shortfall, p)), numFmt: WHOLE, shapes: EVERY },
  {
    name: 'covered',
    value: (r, p, phaseIds) => isCoveredIn(r.site, p, phaseIds),
    shapes: ['csv-phase', 'geojson', 'geojson-phase', 'json-phase'],
    csvPhaseName: 'coveredInPhase',
  },
];

/** The columns and figures a shape carries, in order. */
export function columnsOf(shape: SiteShape): { columns: SiteColumn[]; figures: PhaseFigure[] } {
  return {
    columns: SITE_COLUMNS.filter((column) => column.shapes.includes(shape)),
    figures: PHASE_FIGURES.filter((figure) => figure.shapes.includes(shape)),
  };
}
