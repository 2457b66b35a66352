/**
 * One job: data set validation (SPEC v1 sections 1 and 5).
 *
 * Every problem is reported at once, each with the JSON path of the offending
 * value (`serviceAreas[2].corridor`) and a message that reads on its own
 * (`unknown corridor NO-SUCH-ROAD`). Nothing is defaulted here: a valid data
 * set comes back as the very object that was passed in.
 *
 * Choices where the SPEC is silent:
 * - at least one phase is required (a plan is a sequence of phases);
 * - `targets: {}` states no targets, the same as omitting `targets`: a phase
 *   states targets only when its targets object has at least one key;
 * - the phase id "existing" is reserved, because plans use it as the
 *   `buildPhase` of existing-covered sites;
 * - size guards against hostile payloads: at most 5,000 regions and 5,000
 *   corridors, 50,000 traffic stretches (besides the SPEC's 5,000 service
 *   areas and 10 phases); an oversize array is reported once and its items are
 *   not inspected; at most 1,000 issues are listed, then one closing issue at
 *   `$` counts the rest;
 * - free text has a maximum length (DATASET_LIMITS: names 200 characters, ids
 *   64, currency 16), so every stored item that carries one stays far below
 *   DynamoDB's 400 KB item limit;
 * - a property given as `undefined` (possible from JavaScript callers, never
 *   from JSON) counts as omitted; `null` is a type error everywhere;
 * - kilometre comparisons use the SPEC's 1e-6 km tolerance: a service area
 *   may lie up to 1e-6 km outside its corridor or its stretch, and traffic
 *   stretches may overlap by up to 1e-6 km;
 * - traffic stretches need not lie inside their corridor's [startKm, endKm].
 */
import type { Dataset, RegionClass, ValidationResult } from './types.js';
import { BAD, FieldReader, IssueList, own, shown, type JsonObject } from './json-fields.js';
import { issueOf, wrongKindOfUpload } from './messages.js';
import {
  DATASET_LIMITS,
  RESERVED_PHASE_ID,
  PROVINCE_PATTERN,
  REGION_CLASSES,
  STATUSES,
  DEFAULT_MAX_PILES_PER_SITE,
  TOP_KEYS,
  PHASE_KEYS,
  TARGET_KEYS,
  REGION_KEYS,
  CORRIDOR_KEYS,
  SERVICE_AREA_KEYS,
  STRETCH_KEYS,
  ASSUMPTION_KEYS,
  COST_KEYS,
  SHARE,
  KM,
  PILES,
  COST_RULES,
  NUMBER_MAXIMA,
  money,
  POSITIVE,
  YEAR,
} from './dataset-fields.js';
import { KM_EPS } from './rules.js';
import { onStretch, type CorridorStretches, type StretchInfo } from './stretches.js';

export { DATASET_LIMITS, NUMBER_MAXIMA, PROVINCE_PATTERN } from './dataset-fields.js';
export { makeStretchLookup } from './stretches.js';


/**
 * Checks a data set against SPEC v1 section 1, listing every problem with its JSON path.
 * Never throws for any JSON value.
 */
export function validateDataset(input: unknown): ValidationResult {
  const wrongKind = wrongKindOfUpload(input, 'dataset');
  if (wrongKind !== null) return { ok: false, issues: [wrongKind] };
  const issues = new IssueList(DATASET_LIMITS.issues);
  new DatasetChecker(issues).check(input);
  const listed = issues.result();
  if (listed.length > 0) return { ok: false, issues: listed };
  return { ok: true, dataset: input as Dataset };
}

/**
 * Parses a request body and validates it. Malformed JSON gives one issue at `$`
 * carrying the parser's message. A leading byte-order mark is ignored, since
 * editors on some systems add one when saving UTF-8.
 */
export function parseDataset(text: string): ValidationResult {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [issueOf('$', 'upload.malformedJson', { detail: reason })] };
  }
  return validateDataset(value);
}

// ---------------------------------------------------------------------------

interface PhaseInfo {
  index: number;
  /** Classes the phase states a target for; null when it states no targets. */
  targets: Set<string> | null;
}

interface CorridorInfo {
  index: number;
  startKm: number | null;
  endKm: number | null;
}

/** One pass over a data set; each `check*` method records its issues and returns what later checks need. */
class DatasetChecker extends FieldReader {

  check(input: unknown): void {
    const top = this.object(input, '');
    if (!top) return;
    this.unknownKeys(top, '', TOP_KEYS);

    const province = this.string(top, '', 'province', true);
    if (typeof province === 'string' && !PROVINCE_PATTERN.test(province)) {
      this.issues.add('province', 'dataset.provinceFormat', { value: shown(province) });
    }
    this.text(top, '', 'name', DATASET_LIMITS.nameChars, true);
    const baseYear = this.number(top, '', 'baseYear', YEAR, true);
    this.text(top, '', 'currency', DATASET_LIMITS.currencyChars, true);

    const maxPilesPerSite = this.checkAssumptions(top);
    this.checkCosts(top);
    const phases = this.checkPhases(top, typeof baseYear === 'number' ? baseYear : null);
    const regions = this.checkRegions(top);
    if (phases && regions) this.checkTargetsCoverClasses(phases, regions);
    const corridors = this.checkCorridors(top);
    const stretches = this.checkTraffic(top, corridors);
    this.checkServiceAreas(top, { phases, regions, corridors, stretches, maxPilesPerSite });
  }

  /** Returns assumptions.maxPilesPerSite as the default for maxPiles (null when it is invalid). */
  private checkAssumptions(top: JsonObject): number | null {
    const value = own(top, 'assumptions');
    if (value === undefined) return DEFAULT_MAX_PILES_PER_SITE;
    const assumptions = this.object(value, 'assumptions');
    if (!assumptions) return null;
    const path = 'assumptions';
    this.unknownKeys(assumptions, path, ASSUMPTION_KEYS);
    this.number(assumptions, path, 'trafficGrowth', SHARE);
    this.number(assumptions, path, 'chargeRate', SHARE);
    this.number(assumptions, path, 'peakHourShare', SHARE);
    this.number(assumptions, path, 'sessionMinutes', { ...POSITIVE, limit: NUMBER_MAXIMA.sessionMinutes });
    this.number(assumptions, path, 'maxWaitProbability', { min: 0, minExclusive: true, max: 1 });
    this.number(assumptions, path, 'pileKw', { ...POSITIVE, limit: NUMBER_MAXIMA.pileKw });
    this.number(assumptions, path, 'minPilesPerSite', { ...PILES, min: 1 });
    const max = this.number(assumptions, path, 'maxPilesPerSite', PILES);
    if (max === BAD) return null;
    return max ?? DEFAULT_MAX_PILES_PER_SITE;
  }

  private checkCosts(top: JsonObject): void {
    const value = own(top, 'costs');
    if (value === undefined) return;
    const costs = this.object(value, 'costs');
    if (!costs) return;
    this.unknownKeys(costs, 'costs', COST_KEYS);
    for (const key of COST_KEYS) this.number(costs, 'costs', key, COST_RULES[key]);
  }

  /** Returns phase ids with their stated target classes, or null when phases cannot be read. */
  private checkPhases(top: JsonObject, baseYear: number | null): Map<string, PhaseInfo> | null {
    const items = this.array(top, 'phases', DATASET_LIMITS.phases, 'phases');
    if (!items) return null;
    if (items.length === 0) {
      this.issues.add('phases', 'phase.none');
      return null;
    }
    const ids = new Map<string, PhaseInfo>();
    let previous: { year: number; index: number } | null = null;
    items.forEach((item, index) => {
      const path = `phases[${index}]`;
      const phase = this.object(item, path);
      if (!phase) return;
      this.unknownKeys(phase, path, PHASE_KEYS);
      const id = this.id(phase, path, 'phases', ids, DATASET_LIMITS.idChars);
      if (id === RESERVED_PHASE_ID) {
        this.issues.add(`${path}.id`, 'phase.reservedId', { id: RESERVED_PHASE_ID });
      }
      const year = this.number(phase, path, 'year', YEAR, true);
      if (typeof year === 'number') {
        if (baseYear !== null && year <= baseYear) {
          this.issues.add(`${path}.year`, 'field.mustExceed', { other: 'baseYear', value: baseYear });
        }
        if (previous && year <= previous.year) {
          this.issues.add(`${path}.year`, 'field.mustExceed', { other: `phases[${previous.index}].year`, value: previous.year });
        }
        previous = { year, index };
      }
      this.number(phase, path, 'evShare', SHARE, true);
      this.number(phase, path, 'budget', money(NUMBER_MAXIMA.budget));
      this.number(phase, path, 'maxGapKm', { ...POSITIVE, limit: NUMBER_MAXIMA.km });
      const targets = this.checkTargets(phase, path);
      if (typeof id === 'string' && !ids.has(id)) ids.set(id, { index, targets });
    });
    return ids;
  }

  /** Returns the classes the phase states targets for; null when it states none. */
  private checkTargets(phase: JsonObject, phasePath: string): Set<string> | null {
    const value = own(phase, 'targets');
    if (value === undefined) return null;
    const path = `${phasePath}.targets`;
    const targets = this.object(value, path);
    if (!targets) return null;
    this.unknownKeys(targets, path, TARGET_KEYS);
    const stated = new Set<string>();
    for (const key of TARGET_KEYS) {
      if (own(targets, key) !== undefined) stated.add(key);
      this.number(targets, path, key, SHARE);
    }
    // `targets: {}` states no targets, exactly like omitting it.
    return Object.keys(targets).length > 0 ? stated : null;
  }

  /** Returns region ids with their classes (null class when invalid), or null when regions cannot be read. */
  private checkRegions(top: JsonObject): Map<string, { index: number; cls: RegionClass | null }> | null {
    const items = this.array(top, 'regions', DATASET_LIMITS.regions, 'regions');
    if (!items) return null;
    const ids = new Map<string, { index: number; cls: RegionClass | null }>();
    items.forEach((item, index) => {
      const path = `regions[${index}]`;
      const region = this.object(item, path);
      if (!region) return;
      this.unknownKeys(region, path, REGION_KEYS);
      const id = this.id(region, path, 'regions', ids, DATASET_LIMITS.idChars);
      this.text(region, path, 'name', DATASET_LIMITS.nameChars);
      const cls = this.oneOf(region, path, 'class', REGION_CLASSES, true);
      if (typeof id === 'string' && !ids.has(id)) {
        ids.set(id, { index, cls: typeof cls === 'string' ? cls : null });
      }
    });
    return ids;
  }

  /** Every class named by a region needs a target in each phase that states targets. */
  private checkTargetsCoverClasses(
    phases: Map<string, PhaseInfo>,
    regions: Map<string, { index: number; cls: RegionClass | null }>,
  ): void {
    const firstOfClass = new Map<RegionClass, { id: string; index: number }>();
    for (const [id, region] of regions) {
      if (region.cls && !firstOfClass.has(region.cls)) firstOfClass.set(region.cls, { id, index: region.index });
    }
    const ordered = [...phases.values()].sort((a, b) => a.index - b.index);
    for (const phase of ordered) {
      if (!phase.targets) continue;
      for (const cls of REGION_CLASSES) {
        const region = firstOfClass.get(cls);
        if (region && !phase.targets.has(cls)) {
          this.issues.add(`phases[${phase.index}].targets.${cls}`, 'phase.targetRequired', { region: region.id, index: region.index, class: cls });
        }
      }
    }
  }

  private checkCorridors(top: JsonObject): Map<string, CorridorInfo> | null {
    const items = this.array(top, 'corridors', DATASET_LIMITS.corridors, 'corridors');
    if (!items) return null;
    const ids = new Map<string, CorridorInfo>();
    items.forEach((item, index) => {
      const path = `corridors[${index}]`;
      const corridor = this.object(item, path);
      if (!corridor) return;
      this.unknownKeys(corridor, path, CORRIDOR_KEYS);
      const id = this.id(corridor, path, 'corridors', ids, DATASET_LIMITS.idChars);
      this.text(corridor, path, 'name', DATASET_LIMITS.nameChars);
      const startKm = this.number(corridor, path, 'startKm', KM, true);
      const endKm = this.number(corridor, path, 'endKm', KM, true);
      const bothValid = typeof startKm === 'number' && typeof endKm === 'number';
      if (bothValid && !(startKm < endKm)) {
        this.issues.add(`${path}.endKm`, 'field.mustExceed', { other: 'startKm', value: startKm });
      }
      if (typeof id === 'string' && !ids.has(id)) {
        const usable = bothValid && startKm < endKm;
        ids.set(id, { index, startKm: usable ? startKm : null, endKm: usable ? endKm : null });
      }
    });
    return ids;
  }

  /** Checks stretches and their overlaps; returns the usable stretches per corridor, or null when traffic cannot be read. */
  private checkTraffic(
    top: JsonObject,
    corridors: Map<string, CorridorInfo> | null,
  ): Map<string, CorridorStretches> | null {
    const items = this.array(top, 'traffic', DATASET_LIMITS.traffic, 'traffic stretches');
    if (!items) return null;
    const byCorridor = new Map<string, StretchInfo[]>();
    items.forEach((item, index) => {
      const path = `traffic[${index}]`;
      const stretch = this.object(item, path);
      if (!stretch) return;
      this.unknownKeys(stretch, path, STRETCH_KEYS);
      const corridor = this.reference(stretch, path, 'corridor', corridors, 'corridor');
      const fromKm = this.number(stretch, path, 'fromKm', KM, true);
      const toKm = this.number(stretch, path, 'toKm', KM, true);
      this.number(stretch, path, 'aadt', { min: 0, limit: NUMBER_MAXIMA.aadt }, true);
      if (typeof fromKm !== 'number' || typeof toKm !== 'number') return;
      if (!(fromKm < toKm)) {
        this.issues.add(`${path}.toKm`, 'field.mustExceed', { other: 'fromKm', value: fromKm });
        return;
      }
      if (typeof corridor !== 'string') return;
      const list = byCorridor.get(corridor);
      const info = { index, fromKm, toKm };
      if (list) list.push(info);
      else byCorridor.set(corridor, [info]);
    });

    const result = new Map<string, CorridorStretches>();
    for (const [corridor, list] of byCorridor) {
      list.sort((a, b) => a.fromKm - b.fromKm || a.toKm - b.toKm || a.index - b.index);
      // `reach` is the stretch reaching furthest so far; any later stretch starting before its end overlaps it.
      let reach: StretchInfo | undefined;
      let last: StretchInfo | undefined;
      const prefixMaxTo: number[] = [];
      for (const stretch of list) {
        if (reach && stretch.fromKm < reach.toKm - KM_EPS) {
          this.issues.add(`traffic[${stretch.index}]`, 'traffic.overlap', { index: reach.index, corridor, fromKm: reach.fromKm, toKm: reach.toKm });
        }
        if (!reach || stretch.toKm > reach.toKm) reach = stretch;
        if (!last || stretch.toKm > last.toKm) last = stretch;
        prefixMaxTo.push(reach.toKm);
      }
      if (last) result.set(corridor, { sorted: list, prefixMaxTo, last });
    }
    return result;
  }

  private checkServiceAreas(
    top: JsonObject,
    refs: {
      phases: Map<string, PhaseInfo> | null;
      regions: Map<string, unknown> | null;
      corridors: Map<string, CorridorInfo> | null;
      stretches: Map<string, CorridorStretches> | null;
      maxPilesPerSite: number | null;
    },
  ): void {
    const items = this.array(top, 'serviceAreas', DATASET_LIMITS.serviceAreas, 'service areas');
    if (!items) return;
    const ids = new Map<string, { index: number }>();
    items.forEach((item, index) => {
      const path = `serviceAreas[${index}]`;
      const site = this.object(item, path);
      if (!site) return;
      this.unknownKeys(site, path, SERVICE_AREA_KEYS);
      const id = this.id(site, path, 'serviceAreas', ids, DATASET_LIMITS.idChars);
      if (typeof id === 'string' && !ids.has(id)) ids.set(id, { index });
      this.text(site, path, 'name', DATASET_LIMITS.nameChars);
      const corridorId = this.reference(site, path, 'corridor', refs.corridors, 'corridor');
      const km = this.number(site, path, 'km', KM, true);
      this.reference(site, path, 'region', refs.regions, 'region');
      this.number(site, path, 'lat', { min: -90, max: 90 });
      this.number(site, path, 'lon', { min: -180, max: 180 });
      const existingPiles = this.number(site, path, 'existingPiles', PILES);
      const maxPiles = this.number(site, path, 'maxPiles', PILES);
      this.number(site, path, 'gridKw', { min: 0, limit: NUMBER_MAXIMA.gridKw });
      this.number(site, path, 'siteCost', money(NUMBER_MAXIMA.siteCost));
      const status = this.oneOf(site, path, 'status', STATUSES);
      const requiredBy = this.reference(site, path, 'requiredBy', refs.phases, 'phase');
      if (requiredBy !== undefined && status !== 'required') {
        this.issues.add(`${path}.requiredBy`, 'site.requiredByWithoutStatus', { status: 'required' });
      }

      if (typeof existingPiles === 'number') {
        if (typeof maxPiles === 'number' && existingPiles > maxPiles) {
          this.issues.add(`${path}.existingPiles`, 'field.notAtMost', { other: 'maxPiles', value: maxPiles });
        } else if (maxPiles === undefined && refs.maxPilesPerSite !== null && existingPiles > refs.maxPilesPerSite) {
          this.issues.add(`${path}.existingPiles`, 'site.existingOverDefaultCap', { value: refs.maxPilesPerSite });
        }
      }

      if (typeof corridorId !== 'string' || typeof km !== 'number') return;
      const corridor = refs.corridors?.get(corridorId);
      if (corridor && corridor.startKm !== null && corridor.endKm !== null) {
        if (km < corridor.startKm - KM_EPS || km > corridor.endKm + KM_EPS) {
          this.issues.add(`${path}.km`, 'site.outsideCorridor', { km, corridor: corridorId, startKm: corridor.startKm, endKm: corridor.endKm });
        }
      }
      if (refs.stretches && corridor && !onStretch(refs.stretches.get(corridorId), km)) {
        this.issues.add(`${path}.km`, 'site.offTraffic', { km, corridor: corridorId });
      }
    });
  }
}
