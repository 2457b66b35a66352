/**
 * Service areas from a GIS layer (GeoJSON, RFC 7946): Points are service areas,
 * LineStrings and MultiLineStrings are corridors. A service area's km is its
 * corridor's startKm plus the distance along the line, from the line's first
 * vertex, to the point of the line nearest to it (Turf, great-circle km); a
 * corridor's endKm is startKm plus the line's length. A point farther than
 * MAX_OFFSET_KM from its corridor's line is reported, never snapped. The base
 * data set gives everything else (phases, regions, traffic, assumptions, costs
 * and the data set's own fields); its corridors and service areas, if any, are
 * replaced by the layer's.
 */
import { multiLineString, point } from '@turf/helpers';
import { length } from '@turf/length';
import { nearestPointOnLine } from '@turf/nearest-point-on-line';
import type { Dataset } from '../types.js';
import { validateDataset } from '../validate.js';
import type { WorkbookIssue, WorkbookResult } from './issues.js';
import { issueOf } from '../messages.js';
import { TABLE_SHEETS } from './layout.js';

/** A service area farther than this from its corridor's line is an error, km. */
export const MAX_OFFSET_KM = 1;
/** Features in one layer at most: the SPEC's 5,000 service areas and 5,000 corridors. */
export const MAX_FEATURES = 10_000;

/** The base's parts the layer keeps. */
const BASE_KEYS = ['province', 'name', 'baseYear', 'currency', 'phases', 'regions', 'traffic', 'assumptions', 'costs'] as const;
const GEOMETRY_FIELDS = new Set(['km', 'lat', 'lon']);
const SERVICE_AREA_PROPERTIES = (TABLE_SHEETS.find((sheet) => sheet.part === 'serviceAreas')?.fields ?? [])
  .map((field) => field.key)
  .filter((key) => !GEOMETRY_FIELDS.has(key));
const CORRIDOR_PROPERTIES = ['id', 'name', 'startKm'];

type JsonObject = Record<string, unknown>;
type Position = [number, number];

interface CorridorLine {
  feature: number;
  id: string;
  startKm: number;
  /** Every corridor as a MultiLineString: distances along run through its parts in order. */
  line: ReturnType<typeof multiLineString>;
}

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
/** Kilometres to the metre: what a stake number needs, and stable in print. */
const roundKm = (km: number) => Math.round(km * 1000) / 1000;

function position(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [lon, lat] = value;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) return undefined;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return [lon, lat];
}

function positions(value: unknown): Position[] | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const list: Position[] = [];
  for (const item of value) {
    const at = position(item);
    if (at === undefined) return undefined;
    list.push(at);
  }
  return list;
}

export interface BaseDataset {
  value: unknown;
  /** Where a base path came from (a workbook cell), when the base is a workbook. */
  locate?: (path: string) => { sheet: string; cell?: string } | undefined;
}

/**
 * A data set from a GeoJSON layer and a base data set, validated; or every
 * problem, layer problems by feature (`features[12].properties.corridor`),
 * base problems by their path in the base.
 */
export function datasetFromGeoJson(layer: unknown, base: BaseDataset): WorkbookResult<Dataset> {
  const issues: WorkbookIssue[] = [];
  if (!isObject(layer) || layer.type !== 'FeatureCollection' || !Array.isArray(layer.features)) {
    return { ok: false, issues: [issueOf('$', 'geojson.notCollection')] };
  }
  if (layer.features.length > MAX_FEATURES) {
    return { ok: false, issues: [issueOf('features', 'geojson.tooManyFeatures', { max: MAX_FEATURES, count: layer.features.length })] };
  }
  if (!isObject(base.value)) return { ok: false, issues: [issueOf('$', 'geojson.baseNotObject')] };

  const corridors = new Map<string, CorridorLine>();
  const points: { feature: number; at: Position; properties: JsonObject }[] = [];
  layer.features.forEach((feature: unknown, index: number) => {
    const path = `features[${index}]`;
    if (!isObject(feature) || feature.type !== 'Feature' || !isObject(feature.geometry)) {
      issues.push(issueOf(path, 'geojson.notFeature'));
      return;
    }
    const properties = feature.properties ?? {};
    if (!isObject(properties)) {
      issues.push(issueOf(`${path}.properties`, 'field.wrongType', { expected: 'object' }));
      return;
    }
    const geometry = feature.geometry;
    if (geometry.type === 'Point') {
      const at = position(geometry.coordinates);
      if (at === undefined) issues.push(issueOf(`${path}.geometry.coordinates`, 'geojson.badPosition'));
      for (const key of Object.keys(properties)) {
        if (GEOMETRY_FIELDS.has(key)) issues.push(issueOf(`${path}.properties.${key}`, 'geojson.fromGeometry', { key }));
        else if (!SERVICE_AREA_PROPERTIES.includes(key)) issues.push(issueOf(`${path}.properties.${key}`, 'geojson.unknownProperty', { of: 'serviceArea', allowed: SERVICE_AREA_PROPERTIES }));
      }
      if (at !== undefined) points.push({ feature: index, at, properties });
    } else if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
      readCorridor(index, geometry, properties, corridors, issues);
    } else {
      issues.push(issueOf(`${path}.geometry.type`, 'geojson.geometryType', { value: JSON.stringify(geometry.type) ?? 'undefined' }));
    }
  });

  const reported = new Set<string>();
  const serviceAreas: JsonObject[] = [];
  const featureOfArea: number[] = [];
  for (const { feature, at, properties } of points) {
    const path = `features[${feature}]`;
    const area: JsonObject = {};
    for (const key of SERVICE_AREA_PROPERTIES) if (properties[key] !== undefined) area[key] = properties[key];
    const corridor = typeof properties.corridor === 'string' ? corridors.get(properties.corridor) : undefined;
    if (typeof properties.corridor === 'string' && corridor === undefined) {
      issues.push(issueOf(`${path}.properties.corridor`, 'geojson.noCorridorLine', { corridor: properties.corridor }));
      reported.add(`serviceAreas[${serviceAreas.length}].corridor`);
    }
    if (corridor !== undefined) {
      const nearest = nearestPointOnLine(corridor.line, point(at), { units: 'kilometers' });
      const offset = nearest.properties.pointDistance;
      if (offset > MAX_OFFSET_KM) {
        issues.push(issueOf(`${path}.geometry`, 'geojson.offLine', { offsetKm: offset.toFixed(2), corridor: corridor.id, maxKm: MAX_OFFSET_KM }));
      } else {
        area.km = roundKm(corridor.startKm + nearest.properties.totalDistance);
      }
    }
    if (area.km === undefined) reported.add(`serviceAreas[${serviceAreas.length}].km`);
    area.lat = at[1];
    area.lon = at[0];
    serviceAreas.push(orderLike(area));
    featureOfArea.push(feature);
  }

  const corridorList = [...corridors.values()];
  const dataset: JsonObject = {};
  for (const key of BASE_KEYS) {
    if (key === 'traffic') {
      dataset.corridors = corridorList.map((corridor) => corridorJson(corridor, layer.features as unknown[]));
      dataset.serviceAreas = serviceAreas;
    }
    if (base.value[key] !== undefined) dataset[key] = base.value[key];
  }

  const checked = validateDataset(dataset);
  if (checked.ok && issues.length === 0) return { ok: true, value: checked.dataset };
  const rules = checked.ok ? [] : checked.issues.filter((issue) => !reported.has(issue.path));
  for (const issue of rules) issues.push(mapIssue(issue, featureOfArea, corridorList, base));
  return { ok: false, issues };
}

function readCorridor(index: number, geometry: JsonObject, properties: JsonObject, corridors: Map<string, CorridorLine>, issues: WorkbookIssue[]): void {
  const path = `features[${index}]`;
  for (const key of Object.keys(properties)) {
    if (!CORRIDOR_PROPERTIES.includes(key)) issues.push(issueOf(`${path}.properties.${key}`, 'geojson.unknownProperty', { of: 'corridor', allowed: CORRIDOR_PROPERTIES }));
  }
  const id = properties.id;
  if (typeof id !== 'string' || id === '') {
    issues.push(issueOf(`${path}.properties.id`, 'geojson.lineWithoutId'));
    return;
  }
  const startKm = properties.startKm ?? 0;
  if (typeof startKm !== 'number' || !Number.isFinite(startKm)) {
    issues.push(issueOf(`${path}.properties.startKm`, 'geojson.startKm'));
    return;
  }
  const parts = geometry.type === 'LineString' ? [geometry.coordinates] : Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
  const lines = parts.map(positions);
  if (lines.length === 0 || lines.some((line) => line === undefined)) {
    issues.push(issueOf(`${path}.geometry.coordinates`, 'geojson.shortLine'));
    return;
  }
  const earlier = corridors.get(id);
  if (earlier !== undefined) {
    issues.push(issueOf(`${path}.properties.id`, 'geojson.lineTwice', { corridor: id, feature: earlier.feature }));
    return;
  }
  const coordinates = lines as Position[][];
  corridors.set(id, { feature: index, id, startKm, line: multiLineString(coordinates) });
}

function corridorJson(corridor: CorridorLine, features: unknown[]): JsonObject {
  const properties = (features[corridor.feature] as JsonObject).properties as JsonObject | null | undefined;
  const name = properties?.name;
  return {
    id: corridor.id,
    ...(name === undefined ? {} : { name }),
    startKm: corridor.startKm,
    endKm: roundKm(corridor.startKm + length(corridor.line, { units: 'kilometers' })),
  };
}

/** Service-area keys in the SPEC's order, as a person would write them. */
function orderLike(area: JsonObject): JsonObject {
  const order = ['id', 'name', 'corridor', 'km', 'region', 'lat', 'lon', ...SERVICE_AREA_PROPERTIES];
  const sorted: JsonObject = {};
  for (const key of order) if (area[key] !== undefined && !(key in sorted)) sorted[key] = area[key];
  return sorted;
}

function mapIssue(issue: WorkbookIssue, featureOfArea: number[], corridors: CorridorLine[], base: BaseDataset): WorkbookIssue {
  const match = /^(serviceAreas|corridors)\[(\d+)\](?:\.(\w+))?(.*)$/.exec(issue.path);
  if (match === null) return { ...issue, ...base.locate?.(issue.path) };
  const [, part, index, key, rest] = match;
  const feature = part === 'serviceAreas' ? featureOfArea[Number(index)] : corridors[Number(index)]?.feature;
  if (feature === undefined) return issue;
  const fromGeometry = key !== undefined && (GEOMETRY_FIELDS.has(key) || key === 'endKm');
  const where = key === undefined ? '' : fromGeometry ? '.geometry' : `.properties.${key}${rest ?? ''}`;
  return { path: `features[${feature}]${where}`, message: issue.message, ...(issue.code === undefined ? {} : { code: issue.code, params: issue.params ?? {} }) };
}
