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
import { REGION_CLASS, SITE_STATUS, TERMS, type Term } from './glossary.js';
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
  /** The Chinese label (glossary.ts): the workbook's header is "<label> / <name>". */
  zh: string;
  value: (row: SiteRow, phaseId: string | undefined) => Cell;
  /**
   * The glossary's words for the values that are words (a status, a class):
   * the workbook shows a value's Chinese, the CSV and GeoJSON keep the value.
   */
  words?: Readonly<Record<string, Term>>;
  /** Excel number format in the workbook. */
  numFmt?: string;
  shapes: readonly SiteShape[];
}

/** A figure with one value per site and phase: `piles_2025` in the CSV, `piles: {"2025": 6}` or `piles: 6` elsewhere. */
export interface PhaseFigure {
  name: string;
  /** The Chinese label (glossary.ts), followed by the phase in a header: "充电桩 2025 / piles_2025". */
  zh: string;
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
  { name: 'id', zh: TERMS.id.zh, value: (r) => r.id, shapes: EVERY },
  { name: 'name', zh: TERMS.name.zh, value: (r) => r.area?.name, shapes: EVERY },
  { name: 'corridor', zh: TERMS.corridor.zh, value: (r) => r.area?.corridor, shapes: EVERY },
  { name: 'km', zh: TERMS.km.zh, value: (r) => r.area?.km, numFmt: KM, shapes: EVERY },
  { name: 'region', zh: TERMS.region.zh, value: (r) => r.area?.region, shapes: EVERY },
  { name: 'regionClass', zh: TERMS.regionClass.zh, value: (r) => r.regionClass, words: REGION_CLASS, shapes: EVERY },
  { name: 'lat', zh: TERMS.lat.zh, value: (r) => r.area?.lat, numFmt: DEGREES, shapes: WITH_POSITION },
  { name: 'lon', zh: TERMS.lon.zh, value: (r) => r.area?.lon, numFmt: DEGREES, shapes: WITH_POSITION },
  { name: 'status', zh: TERMS.status.zh, value: (r) => r.area?.status ?? 'candidate', words: SITE_STATUS, shapes: EVERY },
  { name: 'requiredBy', zh: TERMS.requiredBy.zh, value: (r) => r.requiredBy, shapes: ['json', 'json-phase'] },
  // A phase id, or "existing" for a site covered before the first phase.
  { name: 'buildPhase', zh: TERMS.buildPhase.zh, value: (r) => r.site?.buildPhase ?? undefined, words: { existing: SITE_STATUS.existing }, shapes: EVERY },
  // The JSON download names its phase once, at the top.
  { name: 'phase', zh: TERMS.phase.zh, value: (_, phaseId) => phaseId, shapes: ['geojson-phase'] },
];

export const PHASE_FIGURES: readonly PhaseFigure[] = [
  { name: 'piles', zh: TERMS.pile.zh, value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.piles, p)), numFmt: WHOLE, shapes: EVERY },
  { name: 'capex', zh: TERMS.spending.zh, value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.capex, p)), numFmt: MONEY, shapes: EVERY },
  { name: 'shortfall', zh: TERMS.queueShortfall.zh, value: (r, p) => (r.site === undefined ? undefined : ownValue(r.site.shortfall, p)), numFmt: WHOLE, shapes: EVERY },
  {
    name: 'covered',
    zh: TERMS.covered.zh,
    value: (r, p, phaseIds) => isCoveredIn(r.site, p, phaseIds),
    shapes: ['csv-phase', 'geojson', 'geojson-phase', 'json-phase'],
    csvPhaseName: 'coveredInPhase',
  },
];

/** A site column's Chinese label by its name (the report's site list reads the workbook's words from here). */
export function siteColumnZh(name: string): string {
  return [...SITE_COLUMNS, ...PHASE_FIGURES].find((column) => column.name === name)?.zh ?? name;
}

/** The columns and figures a shape carries, in order. */
export function columnsOf(shape: SiteShape): { columns: SiteColumn[]; figures: PhaseFigure[] } {
  return {
    columns: SITE_COLUMNS.filter((column) => column.shapes.includes(shape)),
    figures: PHASE_FIGURES.filter((figure) => figure.shapes.includes(shape)),
  };
}
