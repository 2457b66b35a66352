/**
 * Traffic stretches along a corridor (SPEC section 1): which stretch holds a
 * km, for the planner's demand and for the data set check that every service
 * area lies on a stretch. A stretch covers [fromKm, toKm); the corridor's
 * stretch with the largest toKm also covers its toKm (each end with the 1e-6
 * km tolerance).
 */
import { KM_EPS } from './rules.js';
import type { TrafficStretch } from './types.js';

/**
 * Finds the traffic stretch holding a km on one corridor, by SPEC section 1: a
 * stretch covers [fromKm, toKm), and the corridor's stretch with the largest toKm
 * also covers its toKm (each end with the 1e-6 km tolerance). Build it once per
 * data set; each look-up is a binary search. Meant for validated data sets,
 * whose stretches do not overlap.
 */
export function makeStretchLookup(
  traffic: readonly TrafficStretch[],
): (corridor: string, km: number) => TrafficStretch | undefined {
  const byCorridor = new Map<string, TrafficStretch[]>();
  for (const stretch of traffic) {
    const list = byCorridor.get(stretch.corridor);
    if (list) list.push(stretch);
    else byCorridor.set(stretch.corridor, [stretch]);
  }
  for (const list of byCorridor.values()) list.sort(compareStretches);
  return (corridor, km) => {
    const list = byCorridor.get(corridor);
    if (!list) return undefined;
    const j = lastStartingBy(list, km);
    if (j < 0) return undefined;
    // A km within the tolerance of a touching boundary belongs to the earlier stretch.
    for (const i of [j - 1, j]) {
      const stretch = list[i];
      if (stretch && stretchHolds(stretch, km, i === list.length - 1)) return stretch;
    }
    return undefined;
  };
}

function compareStretches(a: TrafficStretch, b: TrafficStretch): number {
  return a.fromKm - b.fromKm || a.toKm - b.toKm;
}

/** Index of the last stretch (sorted by fromKm) whose fromKm is at most km plus the tolerance; -1 if none. */
function lastStartingBy(sorted: readonly { fromKm: number }[], km: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.fromKm ?? Infinity) - KM_EPS <= km) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function stretchHolds(stretch: { fromKm: number; toKm: number }, km: number, isLast: boolean): boolean {
  if (km < stretch.fromKm - KM_EPS) return false;
  return km < stretch.toKm || (isLast && km <= stretch.toKm + KM_EPS);
}

export interface StretchInfo {
  index: number;
  fromKm: number;
  toKm: number;
}

/** Valid stretches of one corridor, sorted by fromKm, for the "km on a stretch" check. */
export interface CorridorStretches {
  sorted: StretchInfo[];
  /** prefixMaxTo[i] = largest toKm among sorted[0..i]. */
  prefixMaxTo: number[];
  /** The stretch with the largest toKm (first such in sorted order). */
  last: StretchInfo;
}

export function onStretch(stretches: CorridorStretches | undefined, km: number): boolean {
  if (!stretches) return false;
  const { sorted, prefixMaxTo, last } = stretches;
  const j = lastStartingBy(sorted, km);
  if (j >= 0 && (prefixMaxTo[j] ?? -Infinity) > km) return true;
  return stretchHolds(last, km, true);
}
