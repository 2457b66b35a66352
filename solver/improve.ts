/**
 * Local search on a plan: one site changes its build phase (or is dropped or
 * added), or two sites do at once, whenever that lowers the cost and keeps every
 * row of the model satisfied. Binding budgets make the last steps to the optimum
 * a packing puzzle that branch-and-bound solves slowly; exchanges of one or two
 * sites find those steps in milliseconds, and a plan that reaches the engine's
 * bound needs no further search.
 */
import type { Model } from './model.js';
import { columnsOfSites, rowActivity, rowChanges, withinRow } from './row-changes.js';

const GAIN = 1e-6;

interface Move {
  site: number;
  /** Column left (-1: the site was not built). */
  from: number;
  /** Column taken (-1: the site is dropped). */
  to: number;
  delta: number;
}

export interface ImproveResult {
  x: number[];
  /** Cost change against the start (<= 0). */
  gained: number;
  /** True when the deadline stopped the search before its work count ran out. */
  stopped: boolean;
}

/**
 * Checks of a candidate move (or pair) the search may make. A count, not a clock:
 * the plan must not depend on how busy the machine is. Up to about 0.8 s at 1,200
 * sites; on every benchmark case the search had reached its best by half of it.
 */
export const IMPROVE_WORK = 2_000_000;

/** How often (in checks) the search looks at the clock when it has a deadline. */
const CLOCK_EVERY = 8192;

/**
 * Improves a feasible 0/1 solution of the model by one- and two-site moves until none
 * helps or the work runs out. A deadline (ms since the epoch) stops it early: only a
 * solve's time limit does, so a plan the clock has shaped is never one that ends proven.
 */
export function improve(model: Model, start: number[], work = IMPROVE_WORK, deadline = Infinity): ImproveResult {
  return localSearch(model)(start, work, deadline);
}

/**
 * The local search of `improve`, its indexes of the model built once: for a caller that
 * searches from many starts (kicks.ts), which would otherwise rebuild them each time.
 */
export function localSearch(model: Model): (start: number[], work?: number, deadline?: number) => ImproveResult {
  const sites = columnsOfSites(model);
  const siteList = [...sites.keys()];
  const cost = (j: number): number => (j < 0 ? 0 : model.columns[j]!.cost);
  const siteSets = new Map<number, number[]>();
  /** Sites with a column in a row, in site order. */
  const rowSites = (row: number): number[] => {
    let list = siteSets.get(row);
    if (!list) {
      list = [...new Set(model.rows[row]!.cols.map((j) => model.columns[j]!.site))].sort((a, b) => a - b);
      siteSets.set(row, list);
    }
    return list;
  };
  const rowCoefs = new Map<number, Map<number, number>>();
  const coefIn = (row: number, j: number): number => {
    if (j < 0) return 0;
    let coefs = rowCoefs.get(row);
    if (!coefs) {
      const r = model.rows[row]!;
      coefs = new Map(r.cols.map((c, q) => [c, r.coefs[q]!]));
      rowCoefs.set(row, coefs);
    }
    return coefs.get(j) ?? 0;
  };

  // Row changes of a set of moves: `delta[row]` for each row of the returned list (see row-changes.ts).
  const { delta, of: effect } = rowChanges(model);

  return (start, work = IMPROVE_WORK, deadline = Infinity) => {
    const x = [...start];
    const act = rowActivity(model, x);
    const current = new Map<number, number>();
    for (const [s, cols] of sites) current.set(s, cols.find((j) => x[j] === 1) ?? -1);

    const moves = (): Move[] => {
      const out: Move[] = [];
      for (const s of siteList) {
        const from = current.get(s)!;
        for (const to of [-1, ...sites.get(s)!]) if (to !== from) out.push({ site: s, from, to, delta: cost(to) - cost(from) });
      }
      return out;
    };
    const holds = (rows: number[]): boolean => rows.every((row) => withinRow(model.rows[row]!, act[row]! + delta[row]!));
    const apply = (ms: Move[]): void => {
      for (const row of effect(ms)) act[row] = act[row]! + delta[row]!;
      for (const m of ms) {
        if (m.from >= 0) x[m.from] = 0;
        if (m.to >= 0) x[m.to] = 1;
        current.set(m.site, m.to);
      }
    };

    let gained = 0;
    let spent = 0;
    let stopped = false;
    let nextClock = CLOCK_EVERY;
    /** True once the deadline has passed (the clock is read only every CLOCK_EVERY checks). */
    const late = (): boolean => {
      if (stopped) return true;
      if (deadline !== Infinity && spent >= nextClock) {
        nextClock = spent + CLOCK_EVERY;
        stopped = Date.now() > deadline;
      }
      return stopped;
    };
    let improved = true;
    while (improved && spent < work && !late()) {
      improved = false;
      const all = moves();
      // One site at a time.
      for (const m of all) {
        spent += 1;
        if (late()) break;
        if (m.delta < -GAIN && current.get(m.site) === m.from && holds(effect([m]))) {
          apply([m]);
          gained += m.delta;
          improved = true;
        }
      }
      if (improved) continue;
      // Two sites at once: a gain that breaks some rows, and a second move that mends them.
      const singles = moves().sort((a, b) => a.delta - b.delta || a.site - b.site || a.to - b.to);
      const fresh = (m: Move): boolean => current.get(m.site) === m.from;
      const movesOf = new Map<number, Move[]>();
      for (const m of singles) {
        const list = movesOf.get(m.site) ?? [];
        list.push(m);
        movesOf.set(m.site, list);
      }
      for (const m1 of singles) {
        if (spent >= work || late()) break;
        if (m1.delta + (singles[0]?.delta ?? 0) >= -GAIN) break; // no partner can make it pay
        if (!fresh(m1)) continue; // its site moved since the list was made
        const broken: [number, number][] = [];
        for (const row of effect([m1])) {
          const change = delta[row]!;
          const v = act[row]! + change;
          if (!withinRow(model.rows[row]!, v)) broken.push([row, change]);
        }
        if (broken.length === 0) continue;
        // A partner must touch the broken row with the fewest columns: search only its sites' moves.
        const narrowest = broken.reduce((a, b) => (model.rows[a[0]]!.cols.length <= model.rows[b[0]]!.cols.length ? a : b))[0];
        let best: Move | null = null;
        for (const site of rowSites(narrowest)) {
          if (site === m1.site) continue;
          for (const m2 of movesOf.get(site)!) {
            if (!fresh(m2) || m1.delta + m2.delta >= -GAIN || (best && m2.delta >= best.delta)) continue;
            spent += 1;
            // Cheap test first: does m2 bring every broken row back within its bounds?
            const mends = broken.every(([row, change]) => withinRow(model.rows[row]!, act[row]! + change + coefIn(row, m2.to) - coefIn(row, m2.from)));
            if (mends && holds(effect([m1, m2]))) best = m2;
          }
        }
        if (best) {
          apply([m1, best]);
          gained += m1.delta + best.delta;
          improved = true;
        }
      }
    }
    return { x, gained, stopped };
  };
}
