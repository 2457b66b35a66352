/**
 * Downloads of a plan's site selection: CSV for spreadsheets, GeoJSON for maps.
 * Pure functions: no I/O.
 *
 * Rows and features follow the data set's service-area order (the order the
 * province submitted), so a download lines up with the sheet it came from.
 * Plan figures a site does not have (capex and shortfall before its build
 * phase, anything of a site the plan does not list) are empty cells in the CSV
 * and null in GeoJSON, never a made-up 0.
 */
import type { Dataset, Plan, RegionClass, ServiceArea, SitePlan } from './types.js';
import { isCoveredIn } from './coverage.js';

/** An export asked for a phase the data set does not have (the API answers 400). */
export class UnknownPhaseError extends Error {
  readonly phaseId: string;
  readonly knownPhases: string[];
  constructor(phaseId: string, knownPhases: string[], options?: { cause?: unknown }) {
    super(`unknown phase "${phaseId}"; the data set's phases are ${knownPhases.join(', ')}`, options);
    this.name = 'UnknownPhaseError';
    this.phaseId = phaseId;
    this.knownPhases = knownPhases;
  }
}

export type Cell = string | number | boolean | null | undefined;

interface SiteRow {
  sa: ServiceArea;
  regionClass: RegionClass | undefined;
  plan: SitePlan | undefined;
}

interface Context {
  phaseIds: string[];
  /** The phases exported: all of them, or the one asked for. */
  selected: string[];
  rows: SiteRow[];
}

function context(dataset: Dataset, plan: Plan, phaseId: string | undefined): Context {
  const phaseIds = dataset.phases.map((p) => p.id);
  if (phaseId !== undefined && !phaseIds.includes(phaseId)) throw new UnknownPhaseError(phaseId, phaseIds);
  const classOf = new Map(dataset.regions.map((r) => [r.id, r.class]));
  const planOf = new Map(plan.sites.map((s) => [s.id, s]));
  return {
    phaseIds,
    selected: phaseId === undefined ? phaseIds : [phaseId],
    rows: dataset.serviceAreas.map((sa) => ({ sa, regionClass: classOf.get(sa.region), plan: planOf.get(sa.id) })),
  };
}

// ---------------------------------------------------------------------------
// CSV

/**
 * Text that Excel would read as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe: names and ids come from the submitting province, and a
 * download must not run anything when opened.
 */
export function csvText(value: string | undefined): string {
  if (value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, a double quote, CR or LF; double the quotes inside. */
function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The site table's header and rows, raw values: the CSV and the plan workbook's sites sheet. */
export interface SiteTable {
  header: string[];
  rows: Cell[][];
}

/**
 * The site selection as a table, one row per service area (the columns of the
 * CSV): without `phaseId`, piles_<phase>, capex_<phase> and shortfall_<phase>
 * for every phase; with `phaseId`, only that phase's three plus coveredInPhase.
 * Throws UnknownPhaseError for a phase the data set lacks.
 */
export function siteTable(dataset: Dataset, plan: Plan, phaseId?: string): SiteTable {
  const ctx = context(dataset, plan, phaseId);
  const header: string[] = [
    'id', 'name', 'corridor', 'km', 'region', 'regionClass', 'lat', 'lon', 'status', 'buildPhase',
    ...ctx.selected.map((p) => `piles_${p}`),
    ...ctx.selected.map((p) => `capex_${p}`),
    ...ctx.selected.map((p) => `shortfall_${p}`),
    ...(phaseId === undefined ? [] : ['coveredInPhase']),
  ];
  const rows = ctx.rows.map(({ sa, regionClass, plan: site }): Cell[] => [
    sa.id,
    sa.name,
    sa.corridor,
    sa.km,
    sa.region,
    regionClass,
    sa.lat,
    sa.lon,
    sa.status ?? 'candidate',
    site?.buildPhase === null ? undefined : site?.buildPhase,
    ...ctx.selected.map((p) => site?.piles[p]),
    ...ctx.selected.map((p) => site?.capex[p]),
    ...ctx.selected.map((p) => site?.shortfall[p]),
    ...(phaseId === undefined ? [] : [isCoveredIn(site, phaseId, ctx.phaseIds)]),
  ]);
  return { header, rows };
}

/**
 * The site selection as CSV (the columns of `siteTable`), written by
 * `csvDocument`. Throws UnknownPhaseError for a phase the data set lacks.
 */
export function sitesToCsv(dataset: Dataset, plan: Plan, phaseId?: string): string {
  const table = siteTable(dataset, plan, phaseId);
  return csvDocument(table.header, table.rows.map((cells) => cells.map((value) => (typeof value === 'string' ? csvText(value) : value))));
}

/**
 * A CSV file as the planner writes them: UTF-8 with a byte-order mark (so Excel
 * reads the Chinese names), CRLF line ends, the header row, then the rows.
 * Pass province-given text through csvText first.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map((h) => csvField(csvText(h))).join(','), ...rows.map((cells) => cells.map(csvField).join(','))];
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------
// GeoJSON (RFC 7946)

export interface PointGeometry {
  type: 'Point';
  /** [longitude, latitude], degrees. */
  coordinates: [number, number];
}

/** Properties of a site feature over all phases: per-phase figures keyed by phase id. */
export interface SiteProperties {
  id: string;
  name: string | null;
  corridor: string;
  km: number;
  region: string;
  regionClass: RegionClass | null;
  status: string;
  buildPhase: string | null;
  piles: Record<string, number | null>;
  capex: Record<string, number | null>;
  shortfall: Record<string, number | null>;
  covered: Record<string, boolean>;
}

/** Properties of a site feature for one phase. */
export interface SitePhaseProperties {
  id: string;
  name: string | null;
  corridor: string;
  km: number;
  region: string;
  regionClass: RegionClass | null;
  status: string;
  buildPhase: string | null;
  phase: string;
  piles: number | null;
  capex: number | null;
  shortfall: number | null;
  covered: boolean;
}

export interface SiteFeature<P = SiteProperties | SitePhaseProperties> {
  type: 'Feature';
  id: string;
  /** null for a service area without lat/lon: still a valid Feature (RFC 7946 section 3.2). */
  geometry: PointGeometry | null;
  properties: P;
}

export interface SiteFeatureCollection<P = SiteProperties | SitePhaseProperties> {
  type: 'FeatureCollection';
  features: SiteFeature<P>[];
}

/**
 * The site selection as a GeoJSON FeatureCollection, one Point feature per
 * service area ([lon, lat]); a service area without coordinates keeps its
 * properties with `geometry: null`. Without `phaseId` the per-phase figures are
 * objects keyed by phase id; with it, plain values of that phase. Throws
 * UnknownPhaseError for a phase the data set lacks.
 */
export function sitesToGeoJson(dataset: Dataset, plan: Plan): SiteFeatureCollection<SiteProperties>;
export function sitesToGeoJson(
  dataset: Dataset,
  plan: Plan,
  phaseId: string,
): SiteFeatureCollection<SitePhaseProperties>;
export function sitesToGeoJson(dataset: Dataset, plan: Plan, phaseId?: string): SiteFeatureCollection;
export function sitesToGeoJson(dataset: Dataset, plan: Plan, phaseId?: string): SiteFeatureCollection {
  const ctx = context(dataset, plan, phaseId);
  const perPhase = <T>(f: (p: string) => T): Record<string, T> =>
    Object.fromEntries(ctx.selected.map((p) => [p, f(p)]));
  return {
    type: 'FeatureCollection',
    features: ctx.rows.map(({ sa, regionClass, plan: site }) => {
      const common = {
        id: sa.id,
        name: sa.name ?? null,
        corridor: sa.corridor,
        km: sa.km,
        region: sa.region,
        regionClass: regionClass ?? null,
        status: sa.status ?? 'candidate',
        buildPhase: site ? site.buildPhase : null,
      };
      const properties: SiteProperties | SitePhaseProperties =
        phaseId === undefined
          ? {
              ...common,
              piles: perPhase((p) => site?.piles[p] ?? null),
              capex: perPhase((p) => site?.capex[p] ?? null),
              shortfall: perPhase((p) => site?.shortfall[p] ?? null),
              covered: perPhase((p) => isCoveredIn(site, p, ctx.phaseIds)),
            }
          : {
              ...common,
              phase: phaseId,
              piles: site?.piles[phaseId] ?? null,
              capex: site?.capex[phaseId] ?? null,
              shortfall: site?.shortfall[phaseId] ?? null,
              covered: isCoveredIn(site, phaseId, ctx.phaseIds),
            };
      const geometry: PointGeometry | null =
        sa.lat !== undefined && sa.lon !== undefined ? { type: 'Point', coordinates: [sa.lon, sa.lat] } : null;
      return { type: 'Feature', id: sa.id, geometry, properties };
    }),
  };
}
