/**
 * The rules of the planning model (SPEC sections 3-5), each written once: the
 * model, the plan checker, the tie-break, the re-plan, the exports, the data
 * generator, the CLI and the solve job all call these.
 *
 * Two encodings stay apart on purpose:
 * - the MILP rows (model.ts) state the rules as linear constraints over build
 *   columns; the checker (assemble.ts `evaluate`) recomputes every plan from its
 *   build phases with the rules below, so an error in the rows shows as a
 *   violation instead of hiding in a shared helper. The rows take their
 *   thresholds (required count, spacing windows) from here;
 * - the test oracle (test/solver/reference.ts) is written from the SPEC alone
 *   and shares no code with the solver, so that it can catch a misreading.
 *
 * Pure: no I/O; imports types only from types.ts.
 */
import type { Phase, RegionClass } from './types.js';

/** Distances compare with this tolerance, km (SPEC section 5). */
export const KM_EPS = 1e-6;

/** A plan is optimal when its proven relative gap is at most this (SPEC section 4). */
export const OPTIMALITY_GAP = 1e-6;

/** What a site of the canonical problem is: in service already, a candidate, or never to be covered. */
export type SiteKind = 'existing' | 'candidate' | 'excluded';

// ---------------------------------------------------------------------------
// Covered in a phase

/** A site built in phase `build` (-1: never) is in service in phase `t`: from its build phase on. */
export function builtBy(build: number, t: number): boolean {
  return build >= 0 && build <= t;
}

/**
 * covered(s, t) of SPEC section 3: an existing-covered site in every phase, an
 * excluded one in none, a candidate from its build phase on.
 */
export function coveredIn(kind: SiteKind, build: number, t: number): boolean {
  if (kind === 'existing') return true;
  if (kind === 'excluded') return false;
  return builtBy(build, t);
}

// ---------------------------------------------------------------------------
// Coverage targets

/** Covered service areas a target share asks of a region of `size` service areas (excluded ones included). */
export function requiredCount(share: number, size: number): number {
  return Math.max(0, Math.ceil(share * size - 1e-9));
}

/**
 * Covered service areas a region of `size` service areas (excluded ones
 * included) needs in a phase (SPEC section 3.1); null when the phase states no targets.
 */
export function requiredCovered(phase: Phase, cls: RegionClass, size: number): number | null {
  if (!phase.targets || Object.keys(phase.targets).length === 0) return null;
  return requiredCount(phase.targets[cls] ?? 0, size);
}

// ---------------------------------------------------------------------------
// Spacing (SPEC section 3.2)

/** A stretch from km `from` to km `to` between covered points is longer than maxGapKm `D` allows. */
export function gapTooWide(from: number, to: number, D: number): boolean {
  return to - from > D + KM_EPS;
}

/** A corridor: its ends and its service areas in km order. */
export interface CorridorLine {
  startKm: number;
  endKm: number;
  sites: readonly number[];
}

/**
 * The stretches of a corridor longer than `D` between consecutive covered
 * points (the corridor's ends count as points), in km order, as [fromKm, toKm];
 * with `firstOnly` at most the first one.
 */
export function wideGaps(
  corridor: CorridorLine,
  kmOf: (site: number) => number,
  covered: (site: number) => boolean,
  D: number,
  firstOnly = false,
): [number, number][] {
  const gaps: [number, number][] = [];
  let prev = corridor.startKm;
  for (const i of corridor.sites) {
    if (!covered(i)) continue;
    const km = kmOf(i);
    if (gapTooWide(prev, km, D)) {
      gaps.push([prev, km]);
      if (firstOnly) return gaps;
    }
    prev = km;
  }
  if (gapTooWide(prev, corridor.endKm, D)) gaps.push([prev, corridor.endKm]);
  return gaps;
}

/**
 * The window of length `D` from km `a` must hold a covered site: it ends
 * before the corridor does. Windows start at the corridor's start and at each
 * service area (the form the MILP rows and the data generator use).
 */
export function windowNeeded(a: number, D: number, endKm: number): boolean {
  return a + D < endKm - KM_EPS;
}

/**
 * A service area at `km` closes the window from `a`: up to a + D, and after
 * `a` when the window starts at a service area (`open`), from `a` when it
 * starts at the corridor's start.
 */
export function inWindow(km: number, a: number, open: boolean, D: number): boolean {
  return (open ? km > a + KM_EPS : km >= a - KM_EPS) && km <= a + D + KM_EPS;
}

// ---------------------------------------------------------------------------
// Budgets and the proven gap

/** Spending over a phase's budget, beyond the tolerance the engines' arithmetic needs (relative 1e-9 plus 1e-6). */
export function overBudget(spend: number, budget: number): boolean {
  return spend > budget * (1 + 1e-9) + 1e-6;
}

/** Proven relative gap of a cost against a lower bound: 0 for a zero cost, never negative. */
export function relativeGap(cost: number, bound: number): number {
  return cost === 0 ? 0 : Math.max(0, (cost - bound) / Math.abs(cost));
}
