/**
 * An independent reference of the planning model, written from SPEC v1 alone
 * (sections 1-5) so that the tests can catch a misreading of the contract by the
 * solver. It shares no code with `solver/` apart from the public types: its own
 * defaults, its own Erlang C, its own cost trajectories, its own constraint
 * checks (not `solver/rules.ts`, on purpose) and a brute-force search over every build schedule of a tiny data set.
 *
 * Deliberately simple and slow: clarity over speed, no cleverness the SPEC does
 * not state.
 *
 * Readings of the SPEC where it leaves room, written down so a test failure can
 * be told apart from a reading difference:
 * - spacing windows compare km with a 1e-6 tolerance that favours the window on
 *   its closed right end (km ≤ right + 1e-6) and excludes sites on its open left
 *   end (km > left + 1e-6): a site within 1e-6 km of p does not close p's window;
 * - a phase whose `targets` is absent, or lacks the region's class (only possible
 *   as `{}`), states no target for that region: required is null;
 * - budgets hold up to a relative 1e-9, so a budget equal to the spending holds.
 */
import type { Dataset, Phase, RegionClass, ServiceArea } from '../../solver/index.js';
import { mulberry32 } from '../../data/generate-lib.js';

/** Distances compare with this tolerance, km (SPEC section 5). */
export const KM_TOL = 1e-6;

/** Defaults of SPEC section 1, written out again on purpose. */
export const SPEC_ASSUMPTIONS = {
  trafficGrowth: 0.03,
  chargeRate: 0.05,
  peakHourShare: 0.1,
  sessionMinutes: 30,
  maxWaitProbability: 0.2,
  pileKw: 120,
  minPilesPerSite: 2,
  maxPilesPerSite: 20,
};
export const SPEC_COSTS = { site: 1_500_000, perPile: 180_000, gridPerKw: 600, discountRate: 0 };

// ---------------------------------------------------------------------------
// Queueing

/**
 * Erlang C: the chance an arrival waits in M/M/c with offered load a = λ/μ
 * erlangs. Erlang B by its recursion B(k) = a·B(k-1) / (k + a·B(k-1)), then
 * C = c·B / (c - a·(1 - B)). 1 when the queue is unstable (c ≤ a).
 */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Smallest whole c ≥ minPiles with c·μ > λ and ErlangC(c, λ/μ) ≤ maxWait (SPEC section 2). */
export function pilesNeeded(lambda: number, mu: number, minPiles: number, maxWait: number): number {
  let c = Math.max(1, Math.ceil(minPiles));
  while (!(c * mu > lambda && erlangC(c, lambda / mu) <= maxWait)) c++;
  return c;
}

// ---------------------------------------------------------------------------
// The data set, read with its defaults

export interface RefSite {
  id: string;
  area: ServiceArea;
  corridor: string;
  km: number;
  region: string;
  existing: number;
  cap: number;
  gridKw: number;
  status: 'candidate' | 'excluded' | 'required';
  siteCost: number;
  /** Excluded, or cap < minPilesPerSite (SPEC section 2: "treat it as excluded"). */
  neverCoverable: boolean;
  existingCovered: boolean;
  /** Index of the phase a required site must be covered by; null when not required. */
  requiredByIndex: number | null;
  aadt: number[];
  lambda: number[];
  need: number[];
}

export interface RefModel {
  dataset: Dataset;
  phases: Phase[];
  /** 1 / (1 + discountRate)^(year - baseYear) per phase. */
  discount: number[];
  a: typeof SPEC_ASSUMPTIONS;
  costs: typeof SPEC_COSTS;
  sites: RefSite[];
  byId: Map<string, RefSite>;
  /** Covered service areas each region needs per phase (null when the phase states no targets). */
  regions: { id: string; cls: RegionClass; members: RefSite[]; required: (number | null)[] }[];
  /** For each phase with maxGapKm: the windows that must each hold a covered site. */
  windows: { phase: number; corridor: string; left: number; closed: boolean; right: number; sites: RefSite[] }[];
  /** Causes that make every schedule infeasible before any search (required sites that can never be covered). */
  hopeless: string[];
}

function stretchAadt(d: Dataset, corridor: string, km: number): number {
  const mine = d.traffic.filter((s) => s.corridor === corridor);
  const exact = mine.find((s) => s.fromKm <= km && km < s.toKm);
  if (exact) return exact.aadt;
  const last = mine.reduce<(typeof mine)[number] | undefined>((b, s) => (!b || s.toKm > b.toKm ? s : b), undefined);
  if (last && km >= last.fromKm && Math.abs(km - last.toKm) <= KM_TOL) return last.aadt;
  const near = mine.find((s) => s.fromKm - KM_TOL <= km && km < s.toKm + KM_TOL);
  if (near) return near.aadt;
  throw new Error(`reference: no traffic stretch holds ${corridor} km ${km}`);
}

/** The data set with every default applied, sized, with its coverage requirements and spacing windows. */
export function buildModel(d: Dataset): RefModel {
  const a = { ...SPEC_ASSUMPTIONS, ...(d.assumptions ?? {}) };
  const costs = { ...SPEC_COSTS, ...(d.costs ?? {}) };
  const phases = d.phases;
  const T = phases.length;
  const mu = 60 / a.sessionMinutes;
  const phaseIndex = new Map(phases.map((p, i) => [p.id, i]));
  const hopeless: string[] = [];

  const sites: RefSite[] = d.serviceAreas.map((s) => {
    const existing = s.existingPiles ?? 0;
    const cap = s.maxPiles ?? a.maxPilesPerSite;
    const status = s.status ?? 'candidate';
    const neverCoverable = status === 'excluded' || cap < a.minPilesPerSite;
    const base = stretchAadt(d, s.corridor, s.km);
    const aadt = phases.map((p) => base * Math.pow(1 + a.trafficGrowth, p.year - d.baseYear));
    const lambda = aadt.map((v, t) => v * phases[t]!.evShare * a.chargeRate * a.peakHourShare);
    const need = lambda.map((l) => pilesNeeded(l, mu, a.minPilesPerSite, a.maxWaitProbability));
    let requiredByIndex: number | null = null;
    if (status === 'required') {
      requiredByIndex = s.requiredBy === undefined ? T - 1 : phaseIndex.get(s.requiredBy)!;
      if (neverCoverable) hopeless.push(`required service area ${s.id} can never be covered (maxPiles ${cap} < minPilesPerSite ${a.minPilesPerSite})`);
    }
    return {
      id: s.id,
      area: s,
      corridor: s.corridor,
      km: s.km,
      region: s.region,
      existing,
      cap,
      gridKw: s.gridKw ?? 0,
      status,
      siteCost: s.siteCost ?? costs.site,
      neverCoverable,
      existingCovered: !neverCoverable && existing >= a.minPilesPerSite,
      requiredByIndex,
      aadt,
      lambda,
      need,
    };
  });

  const regions = d.regions.map((r) => {
    const members = sites.filter((s) => s.region === r.id);
    const required = phases.map((p) => {
      const target = p.targets?.[r.class];
      if (p.targets === undefined || target === undefined) return null;
      return Math.ceil(target * members.length - 1e-9);
    });
    return { id: r.id, cls: r.class, members, required };
  });

  const windows: RefModel['windows'] = [];
  phases.forEach((p, t) => {
    if (p.maxGapKm === undefined) return;
    const D = p.maxGapKm;
    for (const c of d.corridors) {
      const mine = sites.filter((s) => s.corridor === c.id);
      const lefts: { left: number; closed: boolean }[] = [{ left: c.startKm, closed: true }];
      for (const s of mine) lefts.push({ left: s.km, closed: false });
      for (const w of lefts) {
        if (!(w.left + D < c.endKm - KM_TOL)) continue;
        const right = w.left + D;
        const inside = mine.filter((s) => (w.closed ? s.km >= w.left - KM_TOL : s.km > w.left + KM_TOL) && s.km <= right + KM_TOL);
        windows.push({ phase: t, corridor: c.id, left: w.left, closed: w.closed, right, sites: inside });
      }
    }
  });

  const discount = phases.map((p) => 1 / Math.pow(1 + costs.discountRate, p.year - d.baseYear));
  return { dataset: d, phases, discount, a, costs, sites, byId: new Map(sites.map((s) => [s.id, s])), regions, windows, hopeless };
}

// ---------------------------------------------------------------------------
// One site's trajectory

export interface SiteFigures {
  /** Piles per phase index. */
  piles: number[];
  /** Spending per phase index (0 before the build phase). */
  capex: number[];
  /** Shortfall per phase index (0 before the build phase). */
  shortfall: number[];
}

/**
 * Piles, spending and shortfall of a site covered from phase index `from` on
 * (0 for an existing-covered site), or never covered (`from` null).
 */
export function siteFigures(m: RefModel, s: RefSite, from: number | null): SiteFigures {
  const T = m.phases.length;
  const piles = new Array<number>(T).fill(s.existing);
  const capex = new Array<number>(T).fill(0);
  const shortfall = new Array<number>(T).fill(0);
  if (from === null) return { piles, capex, shortfall };
  const grid = (p: number): number => Math.max(0, p * m.a.pileKw - s.gridKw);
  let prev = s.existing;
  for (let t = from; t < T; t++) {
    const now = Math.max(s.existing, prev, Math.min(s.need[t]!, s.cap));
    piles[t] = now;
    capex[t] =
      (t === from && !s.existingCovered ? s.siteCost : 0) + m.costs.perPile * (now - prev) + m.costs.gridPerKw * (grid(now) - grid(prev));
    shortfall[t] = Math.max(0, s.need[t]! - now);
    prev = now;
  }
  return { piles, capex, shortfall };
}

// ---------------------------------------------------------------------------
// Cost and constraints of a given schedule

export type BuildPhases = Record<string, string | null | undefined>;

export interface ReferenceSite {
  id: string;
  buildPhase: string | null;
  piles: Record<string, number>;
  capex: Record<string, number>;
  shortfall: Record<string, number>;
}

export interface ReferenceCost {
  objective: number;
  /** Undiscounted spending per phase index. */
  capex: number[];
  /** Piles in service at all service areas per phase index. */
  piles: number[];
  /** New sites per phase index. */
  newSites: number[];
  /** Covered/required per phase index and region (same order as the data set's regions). */
  coverage: { region: string; covered: number; total: number; required: number | null }[][];
  /** Per service area id, with the conventions of SPEC section 5. */
  sites: Map<string, ReferenceSite>;
  violations: string[];
}

/** Budgets hold up to rounding of sums: a relative 1e-9. */
export function withinBudget(spend: number, budget: number): boolean {
  return spend <= budget + 1e-9 * Math.max(1, Math.abs(budget));
}

/**
 * Cost and constraint check of one schedule. `build` maps a service area id to
 * its build phase id; null/absent means never; "existing" (or absent) for an
 * existing-covered one. Any other value for an existing-covered site, or a build
 * phase for a site that can never be covered, is a violation.
 */
export function referenceCost(dataset: Dataset, build: BuildPhases, model: RefModel = buildModel(dataset)): ReferenceCost {
  const m = model;
  const T = m.phases.length;
  const ids = m.phases.map((p) => p.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const violations = [...m.hopeless];
  const from = new Map<string, number | null>();

  for (const s of m.sites) {
    const b = Object.prototype.hasOwnProperty.call(build, s.id) ? build[s.id] : undefined;
    let f: number | null = null;
    if (s.existingCovered) {
      f = 0;
      if (b !== undefined && b !== 'existing') violations.push(`site ${s.id} is existing-covered but given build phase ${String(b)}`);
    } else if (b === null || b === undefined) {
      f = null;
    } else if (s.neverCoverable) {
      violations.push(`site ${s.id} can never be covered but is built in ${b}`);
    } else if (!index.has(b)) {
      violations.push(`site ${s.id} has unknown build phase ${b}`);
    } else {
      f = index.get(b)!;
    }
    if (s.requiredByIndex !== null && !s.neverCoverable && (f === null || f > s.requiredByIndex)) {
      violations.push(`required site ${s.id} is not covered by ${ids[s.requiredByIndex]}`);
    }
    from.set(s.id, f);
  }

  const capex = new Array<number>(T).fill(0);
  const piles = new Array<number>(T).fill(0);
  const newSites = new Array<number>(T).fill(0);
  const sites = new Map<string, ReferenceSite>();
  for (const s of m.sites) {
    const f = from.get(s.id)!;
    const fig = siteFigures(m, s, f);
    for (let t = 0; t < T; t++) {
      capex[t]! += fig.capex[t]!;
      piles[t]! += fig.piles[t]!;
    }
    if (f !== null && !s.existingCovered) newSites[f]!++;
    const listed = f === null ? [] : ids.map((id, t) => [id, t] as const).filter(([, t]) => t >= f);
    sites.set(s.id, {
      id: s.id,
      buildPhase: s.existingCovered ? 'existing' : f === null ? null : ids[f]!,
      piles: Object.fromEntries(ids.map((id, t) => [id, fig.piles[t]!])),
      capex: Object.fromEntries(listed.map(([id, t]) => [id, fig.capex[t]!])),
      shortfall: Object.fromEntries(listed.map(([id, t]) => [id, fig.shortfall[t]!])),
    });
  }
  const covered = (s: RefSite, t: number): boolean => {
    const f = from.get(s.id);
    return f !== null && f !== undefined && f <= t;
  };

  const coverage = m.phases.map((p, t) =>
    m.regions.map((r) => {
      const n = r.members.filter((s) => covered(s, t)).length;
      const req = r.required[t]!;
      if (req !== null && n < req) violations.push(`region ${r.id} has ${n} covered service areas in ${p.id}, needs ${req}`);
      return { region: r.id, covered: n, total: r.members.length, required: req };
    }),
  );
  for (const w of m.windows) {
    if (!w.sites.some((s) => covered(s, w.phase))) {
      violations.push(
        `corridor ${w.corridor} window ${w.closed ? '[' : '('}${w.left}, ${w.right}] has no covered site in ${ids[w.phase]}`,
      );
    }
  }
  m.phases.forEach((p, t) => {
    if (p.budget !== undefined && !withinBudget(capex[t]!, p.budget)) {
      violations.push(`phase ${p.id} spends ${capex[t]} over its budget ${p.budget}`);
    }
  });
  const objective = capex.reduce((sum, c, t) => sum + c * m.discount[t]!, 0);
  return { objective, capex, piles, newSites, coverage, sites, violations };
}

// ---------------------------------------------------------------------------
// Brute force

export interface BruteForceResult {
  /** The least objective (section 4), or the least of `how.minimise` when given. */
  objective: number;
  build: Record<string, string | null>;
  /** Schedules enumerated (after budget pruning). */
  leaves: number;
}

/**
 * The cheapest schedule over every assignment of a build phase (or never) to
 * each candidate, by plain enumeration with budget pruning. Null when no
 * schedule satisfies every constraint. Meant for up to ~8 candidates x 3 phases.
 */
export function bruteForceDetail(dataset: Dataset, how: { minimise?: (capex: number[], discounted: number) => number } = {}): BruteForceResult | null {
  const m = buildModel(dataset);
  if (m.hopeless.length > 0) return null;
  const T = m.phases.length;
  const n = m.sites.length;
  if (n > 30) throw new Error('bruteForce: at most 30 service areas');
  const bit = new Map(m.sites.map((s, i) => [s.id, 1 << i]));

  // Fixed part: existing-covered sites.
  const baseCapex = new Array<number>(T).fill(0);
  const baseMask = new Array<number>(T).fill(0);
  for (const s of m.sites) {
    if (!s.existingCovered) continue;
    const fig = siteFigures(m, s, 0);
    for (let t = 0; t < T; t++) {
      baseCapex[t]! += fig.capex[t]!;
      baseMask[t]! |= bit.get(s.id)!;
    }
  }
  const cands = m.sites.filter((s) => !s.existingCovered && !s.neverCoverable);
  const options = cands.map((s) => {
    const opts: { from: number | null; capex: number[] }[] = [];
    if (s.requiredByIndex === null) opts.push({ from: null, capex: new Array<number>(T).fill(0) });
    const last = s.requiredByIndex ?? T - 1;
    for (let f = 0; f <= last; f++) opts.push({ from: f, capex: siteFigures(m, s, f).capex });
    return opts;
  });
  const budgets = m.phases.map((p) => p.budget);
  const windowMasks = m.windows.map((w) => ({ t: w.phase, mask: w.sites.reduce((acc, s) => acc | bit.get(s.id)!, 0) }));
  const regionMasks = m.regions.map((r) => ({ mask: r.members.reduce((acc, s) => acc | bit.get(s.id)!, 0), required: r.required }));
  const popcount = (x: number): number => {
    let c = 0;
    while (x) {
      x &= x - 1;
      c++;
    }
    return c;
  };

  let best: number | null = null;
  let bestChoice: number[] = [];
  let leaves = 0;
  const choice = new Array<number>(cands.length).fill(0);
  const capex = [...baseCapex];
  const mask = [...baseMask];

  const leaf = (): void => {
    leaves++;
    for (const r of regionMasks) {
      for (let t = 0; t < T; t++) {
        const req = r.required[t];
        if (req !== null && req !== undefined && popcount(mask[t]! & r.mask) < req) return;
      }
    }
    for (const w of windowMasks) if ((mask[w.t]! & w.mask) === 0) return;
    const discounted = capex.reduce((sum, c, t) => sum + c * m.discount[t]!, 0);
    const obj = how.minimise ? how.minimise(capex, discounted) : discounted;
    if (best === null || obj < best) {
      best = obj;
      bestChoice = [...choice];
    }
  };
  const go = (i: number): void => {
    if (i === cands.length) return leaf();
    const b = bit.get(cands[i]!.id)!;
    const opts = options[i]!;
    for (let o = 0; o < opts.length; o++) {
      const opt = opts[o]!;
      let ok = true;
      for (let t = 0; t < T; t++) {
        capex[t]! += opt.capex[t]!;
        const bt = budgets[t];
        if (bt !== undefined && !withinBudget(capex[t]!, bt)) ok = false;
      }
      if (opt.from !== null) for (let t = opt.from; t < T; t++) mask[t]! |= b;
      choice[i] = o;
      if (ok) go(i + 1);
      for (let t = 0; t < T; t++) capex[t]! -= opt.capex[t]!;
      if (opt.from !== null) for (let t = opt.from; t < T; t++) mask[t]! &= ~b;
    }
  };
  // Existing-covered additions alone may break a budget.
  if (budgets.every((bt, t) => bt === undefined || withinBudget(baseCapex[t]!, bt))) go(0);
  if (best === null) return null;
  const build: Record<string, string | null> = {};
  cands.forEach((s, i) => {
    const f = options[i]![bestChoice[i]!]!.from;
    build[s.id] = f === null ? null : m.phases[f]!.id;
  });
  return { objective: best, build, leaves };
}

/**
 * The least a phase can spend over every schedule that keeps all constraints but
 * that phase's budget (and, with `keep`, only the earlier budgets or none): what
 * "phase X needs at least N" in a diagnosis can mean.
 */
export function minPhaseSpend(dataset: Dataset, phaseId: string, keep: 'other' | 'earlier' | 'none' = 'other'): number | null {
  const free = structuredClone(dataset);
  const t = free.phases.findIndex((p) => p.id === phaseId);
  free.phases.forEach((p, i) => {
    if (i === t || keep === 'none' || (keep === 'earlier' && i > t)) delete p.budget;
  });
  return bruteForceDetail(free, { minimise: (capex) => capex[t]! })?.objective ?? null;
}

/** The minimal objective over every schedule, or null when none is feasible. */
export function bruteForce(dataset: Dataset): number | null {
  return bruteForceDetail(dataset)?.objective ?? null;
}

// ---------------------------------------------------------------------------
// Helpers for the tests

/** Same figure within a relative (and, near zero, absolute) tolerance. */
export function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The generator's seeded PRNG (mulberry32): the same stream everywhere. */
export const prng = mulberry32;

/** A build schedule read off a plan's sites. */
export function planBuild(plan: { sites: { id: string; buildPhase: string | null }[] }): BuildPhases {
  return Object.fromEntries(plan.sites.map((s) => [s.id, s.buildPhase]));
}

/**
 * A tiny random data set for the brute force: 5-8 service areas (at most 8
 * candidates), 1-3 phases, random targets, sometimes spacing, budgets, a
 * discount rate, existing piles, excluded/required sites, pile caps below
 * minPilesPerSite and site cost overrides. Always valid by SPEC section 1.
 * `grid` puts kms, gaps and targets on round values and budgets exactly at a
 * schedule's spending; `oddPrices` draws prices with no common grain (in cents
 * half the time), budgets again exactly at a schedule's spending.
 */
export function tinyDataset(
  seed: number,
  options: { grid?: boolean; oddPrices?: boolean; maxPhases?: number; maxSites?: number } = {},
): Dataset {
  const grid = options.grid ?? false;
  const rnd = prng(seed * 7919 + (grid ? 101 : 13));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const uni = (lo: number, hi: number): number => lo + (hi - lo) * rnd();
  const int = (lo: number, hi: number): number => Math.floor(uni(lo, hi + 1));
  const chance = (p: number): boolean => rnd() < p;

  const baseYear = 2022;
  const T = int(1, options.maxPhases ?? 3);
  let year = baseYear;
  let ev = uni(0.02, 0.08);
  const phases: Phase[] = [];
  for (let t = 0; t < T; t++) {
    year += int(1, 2);
    ev = Math.min(1, ev * uni(1.1, 1.8));
    const p: Phase = { id: `P${t + 1}`, year, evShare: Math.round(ev * 1000) / 1000 };
    if (grid) {
      // Targets in tenths make target x |r| land on whole numbers (up to float noise).
      if (chance(0.8)) p.targets = { priority: int(0, 8) / 10, standard: int(0, 6) / 10 };
      if (chance(0.5)) p.maxGapKm = int(4, 15) * 10;
    } else {
      if (chance(0.8)) p.targets = { priority: Math.round(uni(0, 0.75) * 100) / 100, standard: Math.round(uni(0, 0.5) * 100) / 100 };
      if (chance(0.3)) p.maxGapKm = int(90, 200);
    }
    phases.push(p);
  }
  const regionCount = int(1, 3);
  const regions = Array.from({ length: regionCount }, (_, i) => ({ id: `R${i}`, class: pick(['priority', 'standard'] as const) }));
  const corridorCount = int(1, 2);
  const corridors = Array.from({ length: corridorCount }, (_, i) => {
    const startKm = int(0, 3) * 50;
    return { id: `C${i}`, startKm, endKm: startKm + (grid ? int(6, 26) * 10 : int(60, 260)) };
  });
  const traffic = corridors.flatMap((c) => {
    if (chance(0.5)) return [{ corridor: c.id, fromKm: c.startKm, toKm: c.endKm, aadt: int(0, 90) * 1000 }];
    const mid = grid ? c.startKm + int(1, (c.endKm - c.startKm) / 10 - 1) * 10 : Math.round(uni(c.startKm + 10, c.endKm - 10));
    return [
      { corridor: c.id, fromKm: c.startKm, toKm: mid, aadt: int(3, 90) * 1000 },
      { corridor: c.id, fromKm: mid, toKm: c.endKm, aadt: int(3, 90) * 1000 },
    ];
  });

  const assumptions: Dataset['assumptions'] = {};
  if (chance(0.3)) assumptions.minPilesPerSite = int(1, 3);
  if (chance(0.3)) assumptions.maxPilesPerSite = int(4, 12);
  if (chance(0.3)) assumptions.sessionMinutes = int(20, 45);
  if (chance(0.3)) assumptions.maxWaitProbability = Math.round(uni(0.05, 0.4) * 100) / 100;
  if (chance(0.3)) assumptions.pileKw = pick([60, 120, 180]);
  if (chance(0.3)) assumptions.trafficGrowth = Math.round(uni(0, 0.08) * 1000) / 1000;
  if (chance(0.2)) assumptions.chargeRate = Math.round(uni(0.02, 0.1) * 1000) / 1000;
  const minPiles = assumptions.minPilesPerSite ?? SPEC_ASSUMPTIONS.minPilesPerSite;
  const maxPerSite = assumptions.maxPilesPerSite ?? SPEC_ASSUMPTIONS.maxPilesPerSite;
  const costs: Dataset['costs'] = {};
  if (chance(0.3)) costs.site = int(5, 25) * 100_000;
  if (chance(0.3)) costs.perPile = int(8, 30) * 10_000;
  if (chance(0.3)) costs.gridPerKw = int(2, 12) * 100;
  if (chance(0.4)) costs.discountRate = pick([0.03, 0.05, 0.08]);

  // On the grid, up to 2 extra sites that are excluded or existing-covered keep the candidates at 8 or fewer.
  const n = Math.min(options.maxSites ?? 99, grid ? int(6, 10) : int(5, 8));
  const serviceAreas: ServiceArea[] = [];
  let candidates = 0;
  for (let i = 0; i < n; i++) {
    const c = pick(corridors);
    // On the grid, sites sit on whole tens of km (ends and duplicates included), so windows end exactly on sites.
    const km = grid ? c.startKm + int(0, (c.endKm - c.startKm) / 10) * 10 : Math.round(uni(c.startKm, c.endKm) * 10) / 10;
    const s: ServiceArea = { id: `S${String(i).padStart(2, '0')}`, corridor: c.id, km, region: pick(regions).id };
    if (chance(0.3)) s.maxPiles = chance(0.2) ? Math.max(0, minPiles - 1) : int(minPiles, maxPerSite + 4);
    const cap = s.maxPiles ?? maxPerSite;
    if (chance(0.3)) s.existingPiles = Math.min(cap, int(1, 5));
    if (chance(0.5)) s.gridKw = pick([0, 100, 250, 400, 800]);
    if (chance(0.2)) s.siteCost = int(3, 30) * 100_000;
    const r = rnd();
    if (r < 0.08) s.status = 'excluded';
    else if (r < 0.2) {
      s.status = 'required';
      if (chance(0.6)) s.requiredBy = pick(phases).id;
    }
    if (grid && candidates >= 8) {
      delete s.requiredBy;
      if (chance(0.5)) s.status = 'excluded';
      else {
        delete s.status;
        s.maxPiles = Math.max(minPiles, s.maxPiles ?? 0, Math.min(maxPerSite, minPiles + 2));
        s.existingPiles = minPiles;
      }
    }
    const capNow = s.maxPiles ?? maxPerSite;
    const existingCovered = s.status !== 'excluded' && capNow >= minPiles && (s.existingPiles ?? 0) >= minPiles;
    if (s.status !== 'excluded' && capNow >= minPiles && !existingCovered) candidates++;
    serviceAreas.push(s);
  }
  const d: Dataset = {
    province: 'TINY',
    name: `tiny ${seed}`,
    baseYear,
    currency: 'CNY',
    phases,
    regions,
    corridors,
    serviceAreas,
    traffic,
    ...(Object.keys(assumptions).length > 0 ? { assumptions } : {}),
    ...(Object.keys(costs).length > 0 ? { costs } : {}),
  };

  if (options.oddPrices) {
    // Prices and powers with no common grain, in cents half the time: budget rows cannot be
    // scaled to round sums, and money figures are not whole numbers.
    const cents = chance(0.5);
    const num = (lo: number, hi: number): number => (cents ? Math.round(uni(lo, hi) * 100) / 100 : Math.round(uni(lo, hi)));
    d.assumptions = { ...(d.assumptions ?? {}), pileKw: num(7, 200) };
    d.costs = { ...(d.costs ?? {}), site: num(1e5, 3e6), perPile: num(1e4, 3e5), gridPerKw: num(1, 1500) };
    for (const s of d.serviceAreas) {
      if (chance(0.7)) s.gridKw = num(0, 997);
      if (chance(0.3)) s.siteCost = num(1e5, 3e6);
    }
  }

  // Budgets that sometimes bind: around the spending of a random schedule.
  if (chance(options.oddPrices ? 0.7 : 0.4)) {
    const m = buildModel(d);
    const build: BuildPhases = {};
    for (const s of m.sites) {
      if (s.existingCovered || s.neverCoverable) continue;
      const last = s.requiredByIndex ?? T;
      const f = int(s.requiredByIndex === null ? -1 : 0, Math.min(last, T - 1));
      build[s.id] = f < 0 ? null : phases[f]!.id;
    }
    const spend = referenceCost(d, build, m).capex;
    phases.forEach((p, t) => {
      // On the grid, budgets equal a schedule's spending exactly: capex(t) <= budget must then hold with equality.
      if (chance(0.6)) p.budget = grid || options.oddPrices ? spend[t]! : Math.round((spend[t]! * uni(0.6, 1.3)) / 1000) * 1000;
    });
  }
  return d;
}

// ---------------------------------------------------------------------------
// A plan against the reference

/** The part of a plan the reference can check (SPEC section 5). */
export interface PlanLike {
  status: string;
  objective: number | null;
  bound: number | null;
  phases: {
    id: string;
    year: number;
    /** Never null in a plain plan (null only for a re-plan's closed phase without reported spending). */
    capex: number | null;
    newSites: number;
    piles: number;
    coverage: { region: string; covered: number; total: number; required: number | null; rate: number }[];
  }[];
  sites: { id: string; buildPhase: string | null; piles: Record<string, number>; capex: Record<string, number>; shortfall: Record<string, number> }[];
}

/** Money figures may be rounded to the cent (the planner's documented choice; the SPEC is silent). */
function sameMoney(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.005 + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameRecord(where: string, got: Record<string, number>, want: Record<string, number>, out: string[], same = (a: number, b: number) => close(a, b, 1e-9)): void {
  const gk = Object.keys(got);
  const wk = Object.keys(want);
  if (gk.length !== wk.length || wk.some((k) => !Object.prototype.hasOwnProperty.call(got, k))) {
    out.push(`${where}: keys ${JSON.stringify(gk)}, expected ${JSON.stringify(wk)}`);
    return;
  }
  for (const k of wk) {
    if (typeof got[k] !== 'number' || !same(got[k]!, want[k]!)) out.push(`${where}[${k}]: ${got[k]}, expected ${want[k]}`);
  }
}

/**
 * Every figure of a plan that the reference recomputes from the plan's build
 * phases (piles, capex, shortfall, phase totals, coverage, objective), plus every
 * constraint, as a list of human-readable differences. Empty when all agree.
 */
export function planDiscrepancies(dataset: Dataset, plan: PlanLike): string[] {
  const out: string[] = [];
  const m = buildModel(dataset);
  const seen = new Map<string, number>();
  for (const s of plan.sites) seen.set(s.id, (seen.get(s.id) ?? 0) + 1);
  for (const s of m.sites) if (seen.get(s.id) !== 1) out.push(`site ${s.id} is listed ${seen.get(s.id) ?? 0} times`);
  for (const id of seen.keys()) if (!m.byId.has(id)) out.push(`plan lists unknown site ${id}`);

  const rc = referenceCost(dataset, planBuild(plan), m);
  out.push(...rc.violations.map((v) => `constraint: ${v}`));
  if (plan.objective === null || !close(plan.objective, rc.objective)) out.push(`objective ${plan.objective}, reference ${rc.objective}`);

  for (const s of plan.sites) {
    const want = rc.sites.get(s.id);
    if (!want) continue;
    if (s.buildPhase !== want.buildPhase) out.push(`site ${s.id} buildPhase ${s.buildPhase}, expected ${want.buildPhase}`);
    sameRecord(`site ${s.id} piles`, s.piles, want.piles, out);
    sameRecord(`site ${s.id} capex`, s.capex, want.capex, out, sameMoney);
    sameRecord(`site ${s.id} shortfall`, s.shortfall, want.shortfall, out);
  }

  if (plan.phases.length !== m.phases.length) out.push(`plan has ${plan.phases.length} phases, data set ${m.phases.length}`);
  m.phases.forEach((p, t) => {
    const got = plan.phases[t];
    if (!got) return;
    if (got.id !== p.id || got.year !== p.year) out.push(`phase ${t} is ${got.id}/${got.year}, expected ${p.id}/${p.year}`);
    if (got.capex === null || !sameMoney(got.capex, rc.capex[t]!)) out.push(`phase ${p.id} capex ${got.capex}, expected ${rc.capex[t]}`);
    if (got.newSites !== rc.newSites[t]) out.push(`phase ${p.id} newSites ${got.newSites}, expected ${rc.newSites[t]}`);
    if (got.piles !== rc.piles[t]) out.push(`phase ${p.id} piles ${got.piles}, expected ${rc.piles[t]}`);
    const want = rc.coverage[t]!;
    if (got.coverage.length !== want.length) out.push(`phase ${p.id} lists ${got.coverage.length} regions, expected ${want.length}`);
    for (const w of want) {
      const g = got.coverage.filter((c) => c.region === w.region);
      if (g.length !== 1) {
        out.push(`phase ${p.id} lists region ${w.region} ${g.length} times`);
        continue;
      }
      const c = g[0]!;
      const rate = w.total === 0 ? 0 : w.covered / w.total;
      if (c.covered !== w.covered || c.total !== w.total || c.required !== w.required || !close(c.rate, rate, 1e-9)) {
        out.push(`phase ${p.id} region ${w.region} coverage ${JSON.stringify(c)}, expected ${JSON.stringify({ ...w, rate })}`);
      }
    }
  });
  return out;
}

/**
 * Single-site moves (another build phase, or never) that keep every constraint
 * and lower the objective by more than `rel`: none may exist for an optimal
 * plan. An independent check of optimality on data sets too big for the
 * brute force.
 */
export function improvingMoves(dataset: Dataset, build: BuildPhases, rel = 1e-6): string[] {
  const m = buildModel(dataset);
  const base = referenceCost(dataset, build, m);
  const out: string[] = [];
  for (const s of m.sites) {
    if (s.existingCovered || s.neverCoverable) continue;
    const last = s.requiredByIndex ?? m.phases.length - 1;
    const choices: (string | null)[] = [...(s.requiredByIndex === null ? [null] : []), ...m.phases.slice(0, last + 1).map((p) => p.id)];
    for (const c of choices) {
      if ((build[s.id] ?? null) === c) continue;
      const moved = referenceCost(dataset, { ...build, [s.id]: c }, m);
      if (moved.violations.length === 0 && moved.objective < base.objective - rel * Math.max(1, Math.abs(base.objective))) {
        out.push(`site ${s.id}: ${String(build[s.id] ?? null)} -> ${String(c)} lowers the objective from ${base.objective} to ${moved.objective}`);
      }
    }
  }
  return out;
}
