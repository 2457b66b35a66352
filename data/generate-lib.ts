/**
 * Seeded generator of synthetic but plausible province data sets (SPEC v1
 * section 1). The same options always give the same data set, byte for byte
 * once serialised with `datasetToJson`: every random choice comes from one
 * mulberry32 stream and every number is rounded before it is stored.
 *
 * The instances are built to be feasible: exclusions never open a spacing gap
 * or starve a region's target, and budgets are derived from a concrete build
 * schedule that meets every target, spacing rule and required site, so that
 * schedule always fits the budgets.
 */
import type {
  Assumptions,
  Corridor,
  Costs,
  Dataset,
  Phase,
  Region,
  ServiceArea,
  TrafficStretch,
} from '../solver/types.js';
import { serversNeeded } from '../solver/erlang.js';
import { defaultAssumptions, defaultCosts } from '../solver/normalize.js';
import {
  NATIONAL_ROUTES,
  PLACE_HEADS,
  PLACE_TAILS,
  PROVINCES,
  type CityPreset,
  type ProvincePreset,
} from './provinces.js';

export type BudgetMode = 'tight' | 'loose' | 'none';

export interface GenerateOptions {
  /** PRNG seed; any integer (taken modulo 2^32). */
  seed: number;
  /** Number of service areas, 1..5000. */
  sites: number;
  /** Number of phases, 1..10, one a year, the last one in 2025. Default 3. */
  phases?: number;
  /**
   * `none`: no budgets; `loose`: generous budgets in every phase; `tight`:
   * budgets within a few percent of a spread-out feasible schedule. Default `none`.
   */
  budget?: BudgetMode;
  /** Spacing rules (maxGapKm 150 in middle phases, 120 in the last). Default true. */
  spacing?: boolean;
  /** costs.discountRate, [0, 1]. Default 0. */
  discountRate?: number;
  /** Province preset code (see PROVINCES); default one picked by the seed. */
  province?: string;
  /** Number of regions (cities of the preset); default grows with the size, 2..all. */
  regions?: number;
}

export class GenerateOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateOptionsError';
  }
}

/** The planner's own defaults: the generator sizes budgets with the figures the planner will use. */
export const DEFAULT_ASSUMPTIONS: Assumptions = defaultAssumptions;
export const DEFAULT_COSTS: Costs = defaultCosts;

const FINAL_YEAR = 2025;
const FINAL_TARGETS = { priority: 0.8, standard: 0.6 } as const;
const FIRST_TARGETS = { priority: 0.5, standard: 0.4 } as const;
const MIN_CORRIDOR_KM = 80;
const MAX_CORRIDOR_KM = 700;
const EPS = 1e-6;

/** Serialised form used for the committed files: two-space JSON and a final newline. */
export function datasetToJson(dataset: Dataset): string {
  return JSON.stringify(dataset, null, 2) + '\n';
}

/** mulberry32: small, fast, good enough for sample data, and the same everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const roundUpTo = (x: number, step: number): number => Math.ceil(x / step - 1e-9) * step;

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`index ${i} out of range`);
  return item;
}

// ---------------------------------------------------------------------------
// Options

interface ResolvedOptions {
  seed: number;
  sites: number;
  phases: number;
  budget: BudgetMode;
  spacing: boolean;
  discountRate: number;
  province: ProvincePreset;
  regions: number;
}

function resolveOptions(options: GenerateOptions, rng: Rng): ResolvedOptions {
  const { seed, sites } = options;
  if (!Number.isInteger(seed)) throw new GenerateOptionsError(`seed must be an integer, got ${seed}`);
  if (!Number.isInteger(sites) || sites < 1 || sites > 5000) {
    throw new GenerateOptionsError(`sites must be an integer in 1..5000, got ${sites}`);
  }
  const phases = options.phases ?? 3;
  if (!Number.isInteger(phases) || phases < 1 || phases > 10) {
    throw new GenerateOptionsError(`phases must be an integer in 1..10, got ${phases}`);
  }
  const budget = options.budget ?? 'none';
  if (budget !== 'tight' && budget !== 'loose' && budget !== 'none') {
    throw new GenerateOptionsError(`budget must be tight, loose or none, got ${String(budget)}`);
  }
  const discountRate = options.discountRate ?? 0;
  if (!Number.isFinite(discountRate) || discountRate < 0 || discountRate > 1) {
    throw new GenerateOptionsError(`discount rate must be in [0, 1], got ${discountRate}`);
  }
  // Drawn even when a province is given, so the rest of the stream does not depend on it.
  const seededProvince = rng.pick(PROVINCES);
  let province = seededProvince;
  if (options.province !== undefined) {
    const found = PROVINCES.find((p) => p.code === options.province);
    if (!found) {
      throw new GenerateOptionsError(
        `unknown province ${options.province}; known: ${PROVINCES.map((p) => p.code).join(', ')}`,
      );
    }
    province = found;
  }
  const maxRegions = province.cities.length;
  const regions = options.regions ?? Math.max(2, Math.min(maxRegions, Math.ceil(sites / 12)));
  if (!Number.isInteger(regions) || regions < 1 || regions > maxRegions) {
    throw new GenerateOptionsError(`regions must be an integer in 1..${maxRegions} for ${province.code}, got ${regions}`);
  }
  return { seed, sites, phases, budget, spacing: options.spacing ?? true, discountRate, province, regions };
}

// ---------------------------------------------------------------------------
// Phases

function makePhases(opts: ResolvedOptions, rng: Rng): { baseYear: number; phases: Phase[] } {
  const n = opts.phases;
  const baseYear = FINAL_YEAR - n;
  const phases: Phase[] = [];
  for (let i = 0; i < n; i++) {
    const year = baseYear + 1 + i;
    const f = n === 1 ? 1 : i / (n - 1);
    const phase: Phase = {
      id: String(year),
      year,
      evShare: round(0.04 + 0.04 * f + rng.uniform(-0.004, 0.004), 3),
      targets: {
        priority: round(FIRST_TARGETS.priority + (FINAL_TARGETS.priority - FIRST_TARGETS.priority) * (n === 1 ? 1 : f), 2),
        standard: round(FIRST_TARGETS.standard + (FINAL_TARGETS.standard - FIRST_TARGETS.standard) * (n === 1 ? 1 : f), 2),
      },
    };
    if (opts.spacing) {
      if (i === n - 1) phase.maxGapKm = 120;
      else if (i >= Math.floor(n / 2)) phase.maxGapKm = 150;
    }
    phases.push(phase);
  }
  return { baseYear, phases };
}

// ---------------------------------------------------------------------------
// Geometry: a flat km grid around the chosen cities

interface Point {
  x: number;
  y: number;
}

class Projection {
  constructor(
    private readonly lat0: number,
    private readonly lon0: number,
  ) {}
  private get kx(): number {
    return 111.32 * Math.cos((this.lat0 * Math.PI) / 180);
  }
  toPoint(lat: number, lon: number): Point {
    return { x: (lon - this.lon0) * this.kx, y: (lat - this.lat0) * 110.57 };
  }
  toLatLon(p: Point): { lat: number; lon: number } {
    return { lat: this.lat0 + p.y / 110.57, lon: this.lon0 + p.x / this.kx };
  }
}

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** A polyline through city centres, `length` km long on the map. */
function walkPath(cities: readonly Point[], length: number, rng: Rng): { points: Point[]; visited: number[] } {
  const startIdx = rng.int(0, cities.length - 1);
  const points: Point[] = [at(cities, startIdx)];
  const visited = [startIdx];
  let remaining = length;
  let guard = 0;
  while (remaining > EPS && guard++ < 100) {
    const cur = at(points, points.length - 1);
    const curIdx = at(visited, visited.length - 1);
    const prevIdx = visited.length > 1 ? visited[visited.length - 2] : undefined;
    let options = cities.map((_, i) => i).filter((i) => i !== curIdx && i !== prevIdx && dist(at(cities, i), cur) > 5);
    if (options.length === 0) options = cities.map((_, i) => i).filter((i) => i !== curIdx && dist(at(cities, i), cur) > 5);
    let target: Point;
    let targetIdx: number;
    if (options.length === 0) {
      // A single city (or all cities on one spot): head off in a random direction.
      const angle = rng.uniform(0, 2 * Math.PI);
      target = { x: cur.x + Math.cos(angle) * remaining, y: cur.y + Math.sin(angle) * remaining };
      targetIdx = curIdx;
    } else {
      targetIdx = rng.pick(options);
      target = at(cities, targetIdx);
    }
    const seg = dist(cur, target);
    if (seg >= remaining) {
      const f = remaining / seg;
      points.push({ x: cur.x + (target.x - cur.x) * f, y: cur.y + (target.y - cur.y) * f });
      if (f > 0.5) visited.push(targetIdx);
      remaining = 0;
    } else {
      points.push(target);
      visited.push(targetIdx);
      remaining -= seg;
    }
  }
  return { points, visited };
}

/** Point at fraction f of a polyline, shifted `offset` km to its left. */
function pointAlong(points: readonly Point[], f: number, offset: number): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += dist(at(points, i - 1), at(points, i));
  let target = Math.min(Math.max(f, 0), 1) * total;
  for (let i = 1; i < points.length; i++) {
    const a = at(points, i - 1);
    const b = at(points, i);
    const seg = dist(a, b);
    if (target <= seg || i === points.length - 1) {
      const g = seg > 0 ? Math.min(target / seg, 1) : 0;
      const nx = seg > 0 ? -(b.y - a.y) / seg : 0;
      const ny = seg > 0 ? (b.x - a.x) / seg : 0;
      return { x: a.x + (b.x - a.x) * g + nx * offset, y: a.y + (b.y - a.y) * g + ny * offset };
    }
    target -= seg;
  }
  return at(points, 0);
}

// ---------------------------------------------------------------------------
// Names

class Namer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  serviceArea(nearCity: CityPreset): string {
    if (this.rng.chance(0.12)) {
      const name = `${nearCity.name}${this.rng.pick(['东', '西', '南', '北'])}服务区`;
      if (this.take(name)) return name;
    }
    for (let attempt = 0; attempt < 40; attempt++) {
      const name = `${this.rng.pick(PLACE_HEADS)}${this.rng.pick(PLACE_TAILS)}服务区`;
      if (this.take(name)) return name;
    }
    for (let n = 2; ; n++) {
      const name = `${this.rng.pick(PLACE_HEADS)}${this.rng.pick(PLACE_TAILS)}${n}号服务区`;
      if (this.take(name)) return name;
    }
  }

  corridor(base: string): string {
    if (this.take(base)) return base;
    const alt = base.replace(/高速$/, '复线高速');
    this.take(alt);
    return alt;
  }

  private take(name: string): boolean {
    if (this.used.has(name)) return false;
    this.used.add(name);
    return true;
  }
}

// ---------------------------------------------------------------------------
// Sizing and cost (SPEC sections 2 and 4), used only to size budgets

function pilesNeeded(aadt: number, evShare: number, asm: Assumptions): number {
  const lambda = aadt * evShare * asm.chargeRate * asm.peakHourShare;
  const mu = 60 / asm.sessionMinutes;
  return serversNeeded(lambda / mu, asm.minPilesPerSite, asm.maxWaitProbability);
}

interface SiteModel {
  sa: ServiceArea;
  corridor: Corridor;
  need: number[];
  cap: number;
  existing: number;
  coverable: boolean;
  existingCovered: boolean;
  /** Undiscounted total spending if covered (independent of the build phase while need does not fall). */
  totalCost: number;
}

function pileCapex(
  m: SiteModel,
  build: number,
  asm: Assumptions,
  costs: Costs,
  phaseCount: number,
): number[] {
  const out = new Array<number>(phaseCount).fill(0);
  if (build < 0) return out;
  const grid = m.sa.gridKw ?? 0;
  const gridUp = (p: number): number => Math.max(0, p * asm.pileKw - grid);
  let prev = m.existing;
  for (let t = build; t < phaseCount; t++) {
    const piles = Math.max(m.existing, prev, Math.min(at(m.need, t), m.cap));
    let spend = costs.perPile * (piles - prev) + costs.gridPerKw * (gridUp(piles) - gridUp(prev));
    if (t === build && !m.existingCovered) spend += m.sa.siteCost ?? costs.site;
    out[t] = spend;
    prev = piles;
  }
  return out;
}

// ---------------------------------------------------------------------------
// A feasible schedule, used to size budgets

function targetCount(share: number | undefined, total: number): number {
  return share === undefined ? 0 : Math.ceil(share * total - 1e-9);
}

/**
 * Adds to `chosen` the sites of `pool` needed so that no gap on any corridor
 * exceeds maxGap (greedy: from each covered point, jump to the farthest pool
 * site within reach unless a chosen one is already within reach).
 * Returns false if the pool cannot close a gap.
 */
function closeGaps(
  byCorridor: Map<string, SiteModel[]>,
  maxGap: number,
  pool: Set<SiteModel>,
  chosen: Set<SiteModel>,
): boolean {
  for (const sites of byCorridor.values()) {
    const corridor = at(sites, 0).corridor;
    let pos = corridor.startKm;
    let first = true;
    while (pos + maxGap < corridor.endKm - EPS) {
      const inReach = (m: SiteModel): boolean =>
        (first ? m.sa.km >= pos - EPS : m.sa.km > pos + EPS) && m.sa.km <= pos + maxGap + EPS;
      let next: SiteModel | undefined;
      for (const m of sites) if (inReach(m) && chosen.has(m)) next = m;
      if (!next) {
        for (const m of sites) if (inReach(m) && pool.has(m)) next = m;
        if (!next) return false;
        chosen.add(next);
      }
      pos = next.sa.km;
      first = false;
    }
  }
  return true;
}

interface Schedule {
  /** Build phase index per site, -1 for never; existing-covered sites get 0. */
  build: Map<SiteModel, number>;
}

function buildSchedule(
  models: SiteModel[],
  phases: Phase[],
  regions: Region[],
  spread: boolean,
  rng: Rng,
): Schedule {
  const T = phases.length;
  const byCorridor = new Map<string, SiteModel[]>();
  for (const m of models) {
    const list = byCorridor.get(m.sa.corridor) ?? [];
    list.push(m);
    byCorridor.set(m.sa.corridor, list);
  }
  for (const list of byCorridor.values()) list.sort((a, b) => a.sa.km - b.sa.km);
  const regionSize = new Map<string, number>();
  for (const m of models) regionSize.set(m.sa.region, (regionSize.get(m.sa.region) ?? 0) + 1);
  const classOf = new Map(regions.map((r) => [r.id, r.class]));
  const byCost = models
    .filter((m) => m.coverable)
    .sort((a, b) => a.totalCost - b.totalCost || (a.sa.id < b.sa.id ? -1 : 1));
  const phaseIndex = new Map(phases.map((p, i) => [p.id, i]));

  // Backward pass: the set covered in phase t is drawn from the set of phase t+1.
  const sets: Set<SiteModel>[] = new Array(T);
  let pool = new Set(byCost);
  for (let t = T - 1; t >= 0; t--) {
    const phase = at(phases, t);
    const chosen = new Set<SiteModel>();
    for (const m of byCost) {
      const by = m.sa.status === 'required' ? (phaseIndex.get(m.sa.requiredBy ?? '') ?? T - 1) : T;
      if (m.existingCovered || by <= t) chosen.add(m);
    }
    if (phase.maxGapKm !== undefined && !closeGaps(byCorridor, phase.maxGapKm, pool, chosen)) {
      throw new Error(`generator bug: spacing cannot be met in phase ${phase.id}`);
    }
    for (const region of regions) {
      const share = phase.targets?.[classOf.get(region.id) ?? 'standard'];
      const need = targetCount(share, regionSize.get(region.id) ?? 0);
      let have = 0;
      for (const m of chosen) if (m.sa.region === region.id) have++;
      for (const m of byCost) {
        if (have >= need) break;
        if (m.sa.region === region.id && pool.has(m) && !chosen.has(m)) {
          chosen.add(m);
          have++;
        }
      }
      if (have < need) throw new Error(`generator bug: region ${region.id} cannot meet its target in ${phase.id}`);
    }
    sets[t] = chosen;
    pool = chosen;
  }

  if (spread) {
    // Pull builds forward so that new sites come in roughly equal shares per phase.
    const final = at(sets, T - 1);
    const newTotal = [...final].filter((m) => !m.existingCovered).length;
    for (let t = 0; t < T - 1; t++) {
      const cur = at(sets, t);
      const next = at(sets, t + 1);
      const want = Math.round(((t + 1) / T) * newTotal);
      let have = [...cur].filter((m) => !m.existingCovered).length;
      const extra = rng.shuffle([...next].filter((m) => !cur.has(m)).sort((a, b) => (a.sa.id < b.sa.id ? -1 : 1)));
      for (const m of extra) {
        if (have >= want) break;
        cur.add(m);
        have++;
      }
    }
  }

  const build = new Map<SiteModel, number>();
  for (const m of models) {
    let b = -1;
    for (let t = T - 1; t >= 0; t--) if (at(sets, t).has(m)) b = t;
    build.set(m, b);
  }
  return { build };
}

function scheduleCapex(models: SiteModel[], schedule: Schedule, asm: Assumptions, costs: Costs, T: number): number[] {
  const total = new Array<number>(T).fill(0);
  for (const m of models) {
    const spend = pileCapex(m, schedule.build.get(m) ?? -1, asm, costs, T);
    for (let t = 0; t < T; t++) total[t] = at(total, t) + at(spend, t);
  }
  return total;
}

// ---------------------------------------------------------------------------
// The generator

export function generateProvince(options: GenerateOptions): Dataset {
  const rng = new Rng(options.seed);
  const opts = resolveOptions(options, rng);
  const { baseYear, phases } = makePhases(opts, rng);
  const asm = DEFAULT_ASSUMPTIONS;
  const costs: Costs = { ...DEFAULT_COSTS, discountRate: opts.discountRate };
  const namer = new Namer(rng);

  // Regions: a mix of classes when the preset has both.
  const shuffled = rng.shuffle(opts.province.cities);
  const chosenCities: CityPreset[] = [];
  for (const cls of ['priority', 'standard'] as const) {
    const first = shuffled.find((c) => c.class === cls);
    if (first && chosenCities.length < opts.regions) chosenCities.push(first);
  }
  for (const c of shuffled) {
    if (chosenCities.length >= opts.regions) break;
    if (!chosenCities.includes(c)) chosenCities.push(c);
  }
  const lat0 = chosenCities.reduce((s, c) => s + c.lat, 0) / chosenCities.length;
  const lon0 = chosenCities.reduce((s, c) => s + c.lon, 0) / chosenCities.length;
  const proj = new Projection(lat0, lon0);
  const cityPoints = chosenCities.map((c) => proj.toPoint(c.lat, c.lon));

  // Corridors and their service areas.
  const national = rng.shuffle(NATIONAL_ROUTES);
  let provincialNo = 0;
  const corridors: Corridor[] = [];
  const traffic: TrafficStretch[] = [];
  const serviceAreas: ServiceArea[] = [];
  let remaining = opts.sites;
  while (remaining > 0) {
    const length = rng.uniform(MIN_CORRIDOR_KM, MAX_CORRIDOR_KM);
    const nationalRoute = national[corridors.length];
    const startKm = nationalRoute ? rng.int(0, 30) * 50 : 0;
    // Service areas ~50 km apart, the first 10-35 km in.
    const kms: number[] = [];
    let km = startKm + rng.uniform(10, 35);
    while (km < startKm + length - 8 && kms.length < remaining) {
      kms.push(round(km, 1));
      km += rng.uniform(35, 65);
    }
    if (kms.length === 0) kms.push(round(startKm + rng.uniform(10, 35), 1));
    const lastKm = at(kms, kms.length - 1);
    let endKm = round(startKm + length, 1);
    if (kms.length === remaining && lastKm + 8 < endKm) endKm = round(lastKm + rng.uniform(8, 35), 1);
    endKm = Math.max(endKm, round(startKm + MIN_CORRIDOR_KM + rng.uniform(0, 20), 1), round(lastKm + 8, 1));
    const corridorLength = endKm - startKm;

    const winding = rng.uniform(1.1, 1.3);
    const { points, visited } = walkPath(cityPoints, corridorLength / winding, rng);
    const offset = rng.uniform(-8, 8);
    const passed = [...new Set(visited)].map((i) => at(chosenCities, i).name.charAt(0));
    let id: string;
    let name: string;
    if (nationalRoute) {
      id = nationalRoute[0];
      name = namer.corridor(`${nationalRoute[1]}高速`);
    } else {
      provincialNo += rng.int(1, 3);
      id = `S${10 + provincialNo}`;
      name = namer.corridor(`${passed.slice(0, 3).join('')}${passed.length === 1 ? '环线' : ''}高速`);
    }
    const corridor: Corridor = { id, name, startKm, endKm };
    corridors.push(corridor);

    for (const k of kms) {
      const f = (k - startKm) / corridorLength;
      const p = pointAlong(points, f, offset + rng.uniform(-1.5, 1.5));
      let nearest = 0;
      for (let i = 1; i < cityPoints.length; i++) {
        if (dist(p, at(cityPoints, i)) < dist(p, at(cityPoints, nearest))) nearest = i;
      }
      const cityOfSite = at(chosenCities, nearest);
      const { lat, lon } = proj.toLatLon(p);
      serviceAreas.push({
        id: `${id}-${String(Math.round(k)).padStart(3, '0')}`,
        name: namer.serviceArea(cityOfSite),
        corridor: id,
        km: k,
        region: cityOfSite.id,
        lat: round(lat, 4),
        lon: round(lon, 4),
      });
    }
    remaining -= kms.length;

    // Traffic stretches tiling the corridor, 25-160 km each.
    const base = Math.exp(rng.uniform(Math.log(12_000), Math.log(60_000)));
    let from = startKm;
    while (from < endKm) {
      let to = Math.round(from + rng.uniform(25, 160));
      if (to >= endKm - 20) to = endKm;
      const aadt = Math.min(90_000, Math.max(8_000, Math.round((base * rng.uniform(0.75, 1.35)) / 100) * 100));
      traffic.push({ corridor: id, fromKm: from, toKm: to, aadt });
      from = to;
    }
  }

  // Regions that received service areas, in preset order.
  const usedRegions = new Set(serviceAreas.map((s) => s.region));
  const regions: Region[] = opts.province.cities
    .filter((c) => usedRegions.has(c.id) && chosenCities.includes(c))
    .map((c) => ({ id: c.id, name: `${c.name}市`, class: c.class }));

  // Site attributes: existing piles, land limits, grid capacity, cost overrides.
  const gridChoices = [0, 0, 0, 100, 160, 200, 250, 250, 315, 400, 500, 600];
  for (const sa of serviceAreas) {
    const r = rng.float();
    if (r < 0.1) sa.existingPiles = rng.int(asm.minPilesPerSite, asm.minPilesPerSite + 2);
    else if (r < 0.16) sa.existingPiles = 1;
    const m = rng.float();
    if (m < 0.05) sa.maxPiles = rng.int(4, 6);
    else if (m < 0.3) sa.maxPiles = rng.int(8, 16);
    let grid = rng.pick(gridChoices);
    if ((sa.existingPiles ?? 0) > 0) grid = Math.max(grid, Math.min(600, (sa.existingPiles ?? 0) * asm.pileKw));
    if (grid > 0) sa.gridKw = grid;
    if (rng.chance(0.1)) sa.siteCost = Math.round(rng.uniform(900_000, 3_000_000) / 10_000) * 10_000;
  }

  // Exclusions: never open a gap wider than the tightest spacing rule (with
  // margin even when spacing is off, so that switching it on stays feasible),
  // never below a region's final target.
  const tightestGap = 120;
  const regionSize = new Map<string, number>();
  for (const sa of serviceAreas) regionSize.set(sa.region, (regionSize.get(sa.region) ?? 0) + 1);
  const excludedIn = new Map<string, number>();
  const classOf = new Map(regions.map((r) => [r.id, r.class]));
  const corridorById = new Map(corridors.map((c) => [c.id, c]));
  const excludeCount = Math.max(opts.sites >= 8 ? 1 : 0, Math.round(opts.sites * 0.025));
  const byCorridor = new Map<string, ServiceArea[]>();
  for (const sa of serviceAreas) {
    const list = byCorridor.get(sa.corridor) ?? [];
    list.push(sa);
    byCorridor.set(sa.corridor, list);
  }
  let excluded = 0;
  for (const sa of rng.shuffle(serviceAreas)) {
    if (excluded >= excludeCount) break;
    if ((sa.existingPiles ?? 0) >= asm.minPilesPerSite) continue;
    const size = regionSize.get(sa.region) ?? 0;
    const share = FINAL_TARGETS[classOf.get(sa.region) ?? 'standard'];
    if (size - (excludedIn.get(sa.region) ?? 0) - 1 < targetCount(share, size) + 1) continue;
    const list = byCorridor.get(sa.corridor) ?? [];
    const i = list.indexOf(sa);
    const prev = list[i - 1];
    const next = list[i + 1];
    if (prev?.status === 'excluded' || next?.status === 'excluded') continue;
    const corridor = corridorById.get(sa.corridor);
    if (!corridor) continue;
    const left = prev ? prev.km : corridor.startKm;
    const right = next ? next.km : corridor.endKm;
    if (right - left > tightestGap - 10) continue;
    sa.status = 'excluded';
    excludedIn.set(sa.region, (excludedIn.get(sa.region) ?? 0) + 1);
    excluded++;
  }

  // Required sites: a few, by a stated phase or (no requiredBy) the last one.
  const requiredCount = Math.max(opts.sites >= 8 ? 1 : 0, Math.round(opts.sites * 0.025));
  let required = 0;
  for (const sa of rng.shuffle(serviceAreas)) {
    if (required >= requiredCount) break;
    if (sa.status === 'excluded' || (sa.existingPiles ?? 0) >= asm.minPilesPerSite) continue;
    sa.status = 'required';
    if (rng.chance(0.7)) sa.requiredBy = rng.pick(phases).id;
    required++;
  }

  // Budgets from a concrete feasible schedule.
  if (opts.budget !== 'none') {
    const aadtOf = (sa: ServiceArea): number => {
      const stretch = traffic.find(
        (s) => s.corridor === sa.corridor && sa.km >= s.fromKm - EPS && (sa.km < s.toKm || s.toKm === corridorById.get(sa.corridor)?.endKm),
      );
      if (!stretch) throw new Error(`generator bug: no traffic stretch for ${sa.id}`);
      return stretch.aadt;
    };
    const models: SiteModel[] = serviceAreas.map((sa) => {
      const corridor = corridorById.get(sa.corridor);
      if (!corridor) throw new Error(`generator bug: no corridor ${sa.corridor}`);
      const cap = sa.maxPiles ?? asm.maxPilesPerSite;
      const existing = sa.existingPiles ?? 0;
      const need = phases.map((p) =>
        pilesNeeded(aadtOf(sa) * (1 + asm.trafficGrowth) ** (p.year - baseYear), p.evShare, asm),
      );
      const coverable = sa.status !== 'excluded' && cap >= asm.minPilesPerSite;
      const m: SiteModel = {
        sa,
        corridor,
        need,
        cap,
        existing,
        coverable,
        existingCovered: coverable && existing >= asm.minPilesPerSite,
        totalCost: 0,
      };
      m.totalCost = pileCapex(m, 0, asm, costs, phases.length).reduce((a, b) => a + b, 0);
      return m;
    });
    const jit = scheduleCapex(models, buildSchedule(models, phases, regions, false, rng), asm, costs, phases.length);
    const spread = scheduleCapex(models, buildSchedule(models, phases, regions, true, rng), asm, costs, phases.length);
    phases.forEach((phase, t) => {
      if (opts.budget === 'tight') {
        phase.budget = Math.max(1_000_000, roundUpTo(at(spread, t) * rng.uniform(1.0, 1.08), 100_000));
      } else {
        const base = Math.max(at(spread, t), at(jit, t));
        phase.budget = Math.max(5_000_000, roundUpTo(base * rng.uniform(1.5, 2.0), 1_000_000));
      }
    });
  }

  const firstYear = at(phases, 0).year;
  return {
    province: opts.province.code,
    name: `${opts.province.name}高速公路快充网络 ${firstYear === FINAL_YEAR ? FINAL_YEAR : `${firstYear}-${FINAL_YEAR}`}（合成数据）`,
    baseYear,
    currency: 'CNY',
    phases,
    regions,
    corridors,
    serviceAreas,
    traffic,
    assumptions: { ...asm },
    costs,
  };
}
