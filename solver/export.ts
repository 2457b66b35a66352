/**
 * Downloads of a plan's site selection: CSV for spreadsheets (and the plan
 * workbook's sites sheet), GeoJSON for maps, JSON for programs; their columns
 * are described once, in site-columns.ts. Pure functions: no I/O.
 *
 * Rows and features follow the data set's service-area order (the order the
 * province submitted), so a download lines up with the sheet it came from.
 * Plan figures a site does not have (capex and shortfall before its build
 * phase, anything of a site the plan does not list) are empty cells in the CSV
 * and null in GeoJSON, never a made-up 0. The API's JSON download (sitesToJson)
 * keeps its own older form: the plan's sites in plan order, 0 for such a figure
 * of one phase.
 */
import type { Term } from './glossary.js';
import { columnsOf, type Cell, type PhaseFigure, type SiteRow, type SiteShape } from './site-columns.js';
import type { Dataset, Plan, RegionClass } from './types.js';

export type { Cell } from './site-columns.js';

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
    rows: dataset.serviceAreas.map((area) => ({ id: area.id, area, regionClass: classOf.get(area.region), site: planOf.get(area.id), requiredBy: undefined })),
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
  // Leading blanks do not stop a spreadsheet from reading a formula, and full-width signs are read as their ASCII forms.
  return /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/.test(value) ? `'${value}` : value;
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
  /** The Chinese label of each column (site-columns.ts): the workbook writes "<label> / <header>". */
  labels: string[];
  /** Each column's Excel number format, if any. */
  numFmts: (string | undefined)[];
  /** Each column's words for its values, if they are words (site-columns.ts): the workbook shows them in Chinese. */
  words: (Readonly<Record<string, Term>> | undefined)[];
  rows: Cell[][];
}

/**
 * The site selection as a table, one row per service area (the columns of the
 * CSV): without `phaseId`, piles_<phase>, capex_<phase> and shortfall_<phase>
 * for every phase; with `phaseId`, only that phase's three plus coveredInPhase
 * (site-columns.ts).
 * Throws UnknownPhaseError for a phase the data set lacks.
 */
export function siteTable(dataset: Dataset, plan: Plan, phaseId?: string): SiteTable {
  const ctx = context(dataset, plan, phaseId);
  const { columns, figures } = columnsOf(phaseId === undefined ? 'csv' : 'csv-phase');
  const perPhase = figures.flatMap((figure) =>
    ctx.selected.map((p) => ({ figure, phaseId: p, name: phaseId !== undefined && figure.csvPhaseName !== undefined ? figure.csvPhaseName : `${figure.name}_${p}` })),
  );
  const header = [...columns.map((column) => column.name), ...perPhase.map((cell) => cell.name)];
  const labels = [...columns.map((column) => column.zh), ...perPhase.map((cell) => (cell.name === cell.figure.csvPhaseName ? cell.figure.zh : `${cell.figure.zh} ${cell.phaseId}`))];
  const numFmts = [...columns.map((column) => column.numFmt), ...perPhase.map((cell) => cell.figure.numFmt)];
  const words = [...columns.map((column) => column.words), ...perPhase.map(() => undefined)];
  const rows = ctx.rows.map((row): Cell[] => [
    ...columns.map((column) => column.value(row, phaseId)),
    ...perPhase.map((cell) => cell.figure.value(row, cell.phaseId, ctx.phaseIds)),
  ]);
  return { header, labels, numFmts, words, rows };
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
  const { columns, figures } = columnsOf(phaseId === undefined ? 'geojson' : 'geojson-phase');
  return {
    type: 'FeatureCollection',
    features: ctx.rows.map((row) => {
      const sa = row.area!;
      const properties = {
        ...Object.fromEntries(columns.map((column) => [column.name, column.value(row, phaseId) ?? null])),
        ...figureValues(figures, row, ctx.selected, ctx.phaseIds, phaseId === undefined ? 'records' : 'one', null),
      } as unknown as SiteProperties | SitePhaseProperties;
      const geometry: PointGeometry | null =
        sa.lat !== undefined && sa.lon !== undefined ? { type: 'Point', coordinates: [sa.lon, sa.lat] } : null;
      return { type: 'Feature', id: sa.id, geometry, properties };
    }),
  };
}

/**
 * Per-phase figures of a row: `records` keyed by phase id (a figure the site
 * does not have is `missing`, or left out when `missing` is undefined), or `one`
 * phase's plain values (missing: `missing`).
 */
function figureValues(
  figures: readonly PhaseFigure[],
  row: SiteRow,
  selected: readonly string[],
  phaseIds: readonly string[],
  layout: 'records' | 'one',
  missing: Cell,
): Record<string, unknown> {
  return Object.fromEntries(
    figures.map((figure) => {
      const value = (p: string) => figure.value(row, p, phaseIds);
      if (layout === 'one') return [figure.name, value(selected[0]!) ?? missing];
      const entries = selected.map((p) => [p, value(p) ?? missing] as const).filter(([, v]) => v !== undefined);
      return [figure.name, Object.fromEntries(entries)];
    }),
  );
}

// ---------------------------------------------------------------------------
// JSON (the API's download)

/**
 * The site selection for the API's JSON download: one object per site of the
 * plan (plan order), the data set's fields null where the data set lacks the
 * site; over all phases the plan's per-phase records, for one phase its plain
 * figures (0 for a figure the site does not have in that phase).
 */
export function sitesToJson(dataset: Dataset, plan: Plan, phaseId: string | undefined): Record<string, unknown>[] {
  const areas = new Map(dataset.serviceAreas.map((area) => [area.id, area]));
  const classOf = new Map(dataset.regions.map((region) => [region.id, region.class]));
  const phaseIds = plan.phases.map((phase) => phase.id);
  const lastPhase = dataset.phases.at(-1)?.id;
  const shape: SiteShape = phaseId === undefined ? 'json' : 'json-phase';
  const { columns, figures } = columnsOf(shape);
  return plan.sites.map((site) => {
    const area = areas.get(site.id);
    const row: SiteRow = {
      id: site.id,
      area,
      regionClass: area === undefined ? undefined : classOf.get(area.region),
      site,
      requiredBy: area?.status === 'required' ? (area.requiredBy ?? lastPhase) : undefined,
    };
    return {
      ...Object.fromEntries(columns.map((column) => [column.name, column.value(row, phaseId) ?? null])),
      ...(phaseId === undefined ? figureValues(figures, row, phaseIds, phaseIds, 'records', undefined) : figureValues(figures, row, [phaseId], phaseIds, 'one', 0)),
    };
  });
}
