/**
 * Demand and sizing (SPEC section 2): design-hour charging sessions per site and
 * phase, and the piles Erlang C asks for.
 */
import { serversNeeded } from './erlang.js';
import { normalize, type Problem } from './normalize.js';
import type { Dataset, SiteSizing } from './types.js';

/** need[s][t] for every site of the canonical problem, plus the inputs behind it. */
export function sizeProblem(problem: Problem): SiteSizing[] {
  const a = problem.assumptions;
  const mu = 60 / a.sessionMinutes;
  // Sites on one stretch share their load; cache the queueing answer per load.
  const cache = new Map<number, number>();
  return problem.sites.map((s) => {
    const aadt = problem.years.map((y) => s.baseAadt * Math.pow(1 + a.trafficGrowth, y));
    const lambda = aadt.map((v, t) => v * problem.phases[t]!.evShare * a.chargeRate * a.peakHourShare);
    const need = lambda.map((l) => {
      const load = l / mu;
      let c = cache.get(load);
      if (c === undefined) {
        c = serversNeeded(load, a.minPilesPerSite, a.maxWaitProbability);
        cache.set(load, c);
      }
      return c;
    });
    return { id: s.id, aadt, lambda, need, cap: s.cap };
  });
}

/** Demand and pile need per service area and phase (SPEC section 2), service areas sorted by id. */
export function sizeDataset(dataset: Dataset): SiteSizing[] {
  return sizeProblem(normalize(dataset));
}
