/**
 * The integer program of SPEC section 3, built from the canonical problem.
 *
 * One binary column per (candidate site, build phase): x[s,k] = 1 when s becomes
 * covered in phase k. covered(s,t) = Σ_{k<=t} x[s,k]. Rows:
 *  - choice:   Σ_k x[s,k] <= 1 (= 1 for required sites, whose late phases have no column);
 *  - coverage: Σ_{s in r} covered(s,t) >= required(r,t) - existing-covered(r);
 *  - spacing:  Σ_{s in window} covered(s,t) >= 1 for every window with no existing-covered site;
 *  - budget:   Σ capex(s,k,t) x[s,k] <= budget(t) - spending of existing-covered sites in t.
 * Structural infeasibility (a region or a window that no choice can satisfy) is
 * found here and reported in words instead of being handed to an engine.
 */
import { trajectory, type Trajectory } from './costing.js';
import type { Problem } from './normalize.js';
import { inWindow, KM_EPS, requiredCovered, windowNeeded } from './rules.js';
import { msg, renderMessage, type MessageDetail } from './messages.js';
import type { SiteSizing } from './types.js';

export interface Column {
  site: number;
  phase: number;
  cost: number;
  traj: Trajectory;
}

export type RowKind = 'choice' | 'coverage' | 'spacing' | 'budget';

export interface Row {
  kind: RowKind;
  /** Column indices and coefficients. */
  cols: number[];
  coefs: number[];
  lower: number;
  upper: number;
  /** Phase index the row belongs to (-1 for choice rows). */
  phase: number;
  /** Human label used in diagnosis and progress output. */
  label: string;
}

export interface Model {
  columns: Column[];
  rows: Row[];
  /** First column index of each site, -1 for sites without columns. */
  firstColumn: number[];
  /** Discounted spending of existing-covered sites (a constant of every plan). */
  offset: number;
  /** Spending of existing-covered sites per phase. */
  fixedCapex: number[];
  /** Trajectories of existing-covered sites by site index. */
  fixed: Map<number, Trajectory>;
  /** Coverage requirement (service areas) per region and phase, null when the phase states no targets. */
  required: (number | null)[][];
  /** Reasons no plan can exist, found before any search. */
  diagnosis: MessageDetail[];
  warnings: MessageDetail[];
}

/** The model's objective for 0/1 (or LP) column values: the offset plus each chosen column's cost. */
export function columnsCost(model: Model, x: readonly number[]): number {
  return model.offset + x.reduce((sum, v, j) => sum + v * model.columns[j]!.cost, 0);
}

const fmtKm = (km: number): string => km.toFixed(1);

/** Money in the planner's short form: 1.31e8, 9.0e7 (written once, in the message catalog). */
export { fmtMoney } from './messages.js';

export function buildModel(problem: Problem, sizing: SiteSizing[]): Model {
  const T = problem.phases.length;
  const { sites, regions, corridors, phases } = problem;
  const columns: Column[] = [];
  const rows: Row[] = [];
  const firstColumn = new Array<number>(sites.length).fill(-1);
  const fixed = new Map<number, Trajectory>();
  const fixedCapex = new Array<number>(T).fill(0);
  const diagnosis: MessageDetail[] = [];
  const warnings: MessageDetail[] = [];
  let offset = 0;

  sites.forEach((s, i) => {
    const need = sizing[i]!.need;
    if (s.capTooSmall) {
      warnings.push(msg('site.capTooSmall', { site: s.id, siteName: s.name ?? null, cap: s.cap, minPiles: problem.assumptions.minPilesPerSite }));
      if (s.status === 'required') {
        diagnosis.push(msg('site.requiredTooSmall', { site: s.id, siteName: s.name ?? null, cap: s.cap, minPiles: problem.assumptions.minPilesPerSite }));
      }
    }
    if (s.kind === 'existing') {
      const traj = trajectory(problem, s, need, 0);
      fixed.set(i, traj);
      offset += traj.discounted;
      traj.capex.forEach((v, t) => (fixedCapex[t]! += v));
      return;
    }
    if (s.kind !== 'candidate') return;
    const last = s.requiredBy >= 0 ? s.requiredBy : T - 1;
    firstColumn[i] = columns.length;
    const choice: Row = { kind: 'choice', cols: [], coefs: [], lower: s.requiredBy >= 0 ? 1 : 0, upper: 1, phase: -1, label: `site ${s.id}` };
    for (let k = 0; k <= last; k++) {
      const traj = trajectory(problem, s, need, k);
      choice.cols.push(columns.length);
      choice.coefs.push(1);
      columns.push({ site: i, phase: k, cost: traj.discounted, traj });
    }
    rows.push(choice);
  });

  // Columns of site i that make it covered by phase t.
  const coveringColumns = (i: number, t: number): number[] => {
    const first = firstColumn[i]!;
    const out: number[] = [];
    if (first < 0) return out;
    for (let j = first; j < columns.length && columns[j]!.site === i; j++) if (columns[j]!.phase <= t) out.push(j);
    return out;
  };

  // Coverage.
  const required: (number | null)[][] = regions.map(() => new Array<number | null>(T).fill(null));
  regions.forEach((r, ri) => {
    const existing = r.sites.filter((i) => sites[i]!.kind === 'existing').length;
    const candidates = r.sites.filter((i) => sites[i]!.kind === 'candidate');
    phases.forEach((p, t) => {
      const need = requiredCovered(p, r.cls, r.sites.length);
      if (need === null) return;
      required[ri]![t] = need;
      const rest = need - existing;
      if (rest <= 0) return;
      if (rest > candidates.length) {
        diagnosis.push(msg('region.tooFewCoverable', { region: r.id, regionName: r.name, need, phase: p.id, coverable: existing + candidates.length }));
        return;
      }
      const row: Row = { kind: 'coverage', cols: [], coefs: [], lower: rest, upper: Infinity, phase: t, label: `region ${r.id} in ${p.id}` };
      for (const i of candidates) for (const j of coveringColumns(i, t)) row.cols.push(j), row.coefs.push(1);
      rows.push(row);
    });
  });

  // Spacing: windows over coverable sites; a window with an existing-covered site holds already.
  const seenWindow = new Set<string>();
  phases.forEach((p, t) => {
    const D = p.maxGapKm;
    if (D === undefined) return;
    for (const c of corridors) {
      if (!windowNeeded(c.startKm, D, c.endKm)) continue;
      const lefts: { a: number; open: boolean }[] = [{ a: c.startKm, open: false }];
      for (const i of c.sites) lefts.push({ a: sites[i]!.km, open: true });
      const coverable = c.sites.filter((i) => sites[i]!.kind !== 'excluded');
      const windows: { lo: number; hi: number; a: number }[] = [];
      for (const { a, open } of lefts) {
        if (!windowNeeded(a, D, c.endKm)) continue;
        const inside = coverable.filter((i) => inWindow(sites[i]!.km, a, open, D));
        if (inside.some((i) => sites[i]!.kind === 'existing')) continue;
        if (inside.length === 0) {
          const before = coverable.filter((i) => sites[i]!.km <= a + KM_EPS);
          const after = coverable.filter((i) => sites[i]!.km > a + D + KM_EPS);
          const fromSite = before.length ? sites[before.at(-1)!]! : null;
          const toSite = after.length ? sites[after[0]!]! : null;
          const from = fromSite?.km ?? c.startKm;
          const to = toSite?.km ?? c.endKm;
          const ends = { fromSite: fromSite?.id ?? null, fromName: fromSite?.name ?? null, toSite: toSite?.id ?? null, toName: toSite?.name ?? null };
          const gap = msg('corridor.gap', { corridor: c.id, corridorName: c.name, lengthKm: Number(fmtKm(to - from)), fromKm: from, toKm: to, ...ends, maxGapKm: D, phase: p.id });
          const text = renderMessage(gap);
          if (!diagnosis.some((known) => renderMessage(known) === text)) diagnosis.push(gap);
          continue;
        }
        const lo = coverable.indexOf(inside[0]!);
        windows.push({ lo, hi: lo + inside.length - 1, a });
      }
      // Keep the minimal windows only: a window holding another one is implied by it.
      windows.sort((x, y) => x.hi - y.hi || y.lo - x.lo);
      let maxLo = -1;
      for (const w of windows) {
        if (w.lo <= maxLo) continue;
        maxLo = w.lo;
        // A window already required in an earlier phase stays covered (coverage only grows).
        const key = `${c.id}:${w.lo}:${w.hi}`;
        if (seenWindow.has(key)) continue;
        seenWindow.add(key);
        const row: Row = {
          kind: 'spacing',
          cols: [],
          coefs: [],
          lower: 1,
          upper: Infinity,
          phase: t,
          label: `corridor ${c.id} km ${fmtKm(w.a)}-${fmtKm(w.a + D)} in ${p.id}`,
        };
        for (let q = w.lo; q <= w.hi; q++) for (const j of coveringColumns(coverable[q]!, t)) row.cols.push(j), row.coefs.push(1);
        rows.push(row);
      }
    }
  });

  // Budgets.
  phases.forEach((p, t) => {
    if (p.budget === undefined) return;
    const room = p.budget - fixedCapex[t]!;
    if (room < -1e-6) {
      diagnosis.push(msg('phase.existingOverBudget', { phase: p.id, least: fixedCapex[t]!, budget: p.budget }));
      return;
    }
    const row: Row = { kind: 'budget', cols: [], coefs: [], lower: -Infinity, upper: Math.max(0, room), phase: t, label: `budget of ${p.id}` };
    columns.forEach((col, j) => {
      const v = col.traj.capex[t]!;
      if (col.phase <= t && v !== 0) row.cols.push(j), row.coefs.push(v);
    });
    const g = budgetGrain(row.coefs);
    if (g > 1) {
      row.coefs = row.coefs.map((v) => Math.round(v / g));
      row.upper = Math.floor(row.upper / g + 1e-9);
    }
    rows.push(row);
  });

  return { columns, rows, firstColumn, offset, fixedCapex, fixed, required, diagnosis, warnings };
}

const gcd = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/**
 * When every spending figure of a budget row is a whole multiple of some grain
 * (piles and sites are priced in round sums), the row is divided by the grain
 * and its limit rounded down: exact, since no plan can use a budget's last
 * fraction of a grain, and it hands the engine a row of small integers whose
 * fractional LP solutions (budgets filled to the last yuan) are cut away.
 * Returns 1 when there is no such grain.
 */
export function budgetGrain(coefs: number[]): number {
  let g = 0;
  for (const v of coefs) {
    const r = Math.round(Math.abs(v));
    if (Math.abs(Math.abs(v) - r) > 1e-9 || r > Number.MAX_SAFE_INTEGER) return 1;
    g = gcd(g, r);
  }
  return Math.max(1, g);
}
