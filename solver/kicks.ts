/**
 * Iterated local search: the local search of improve.ts, restarted from its best plan
 * after a few random moves that keep every row satisfied (a "kick"), the better plan
 * kept each round (see decision note 0010).
 *
 * Where budgets bind in every later phase, the local search stops at plans 1e-6 to 1e-5
 * above the LP bound: every move of one or two sites that would fill the budgets' last
 * grains breaks a coverage or spacing row or costs more. A kick moves a few sites to
 * other phases (or in or out of the plan) at random; the local search then refills the
 * budgets from a different arrangement, often past the point where it stopped. It is a
 * search for plans, not a proof: a plan that meets the LP bound proves itself.
 *
 * Work-counted (rounds, moves and the local search's checks) with a fixed seed: the same
 * model and start give the same plan whatever the load; only a solve's deadline stops it
 * early.
 */
import { localSearch } from './improve.js';
import { columnsCost, type Model } from './model.js';
import { mulberry32 } from './random.js';
import { columnsOfSites, rowActivity, rowChanges, withinRow } from './row-changes.js';

const GAIN = 1e-6;

export interface KickOptions {
  /** Rounds at most (a kick and a polish each). */
  rounds: number;
  /** Rounds in a row without a better plan after which the search stops. */
  stale: number;
  /** Sites moved by a kick. */
  moves: number;
  /** Checks of the local search per round. */
  polishWork: number;
  /** A plan that costs this or less ends the search (the LP bound plus the allowed gap). */
  stopAt: number;
  /** The solve's deadline (ms since the epoch); Infinity for none. */
  deadline?: number;
}

/**
 * The search's rounds (see search.ts). It stops after 4 rounds in a row without a better
 * plan: where the kicks help they improve the plan every round or two, and where they do
 * not (the even-budget case of 300 sites, whose optimum HiGHS proves in a second) 20
 * fruitless rounds doubled the whole run (decision note 0010).
 */
export const KICKS: Omit<KickOptions, 'stopAt' | 'deadline'> = { rounds: 40, stale: 4, moves: 8, polishWork: 400_000 };

export interface KickResult {
  x: number[];
  /** Rounds run. */
  rounds: number;
}

/** The best plan of `opts.rounds` kicks and polishes from `start` (0/1 column values satisfying every row). */
export function kickSearch(model: Model, start: number[], opts: KickOptions): KickResult {
  const deadline = opts.deadline ?? Infinity;
  const cost = (x: number[]): number => columnsCost(model, x);
  const siteCols = columnsOfSites(model);
  const sites = [...siteCols.keys()];
  const { delta, of: effect } = rowChanges(model);
  const rand = mulberry32(0x6b1c5); // fixed seed: the kicks must not depend on the clock
  const polish = localSearch(model);

  /** `moves` random moves of single sites, each keeping every row satisfied. */
  const kick = (from: number[]): number[] => {
    const x = [...from];
    const act = rowActivity(model, x);
    let done = 0;
    for (let tries = 0; done < opts.moves && tries < 50 * opts.moves; tries++) {
      const site = sites[Math.floor(rand() * sites.length)]!;
      const cols = siteCols.get(site)!;
      const was = cols.find((j) => x[j] === 1) ?? -1;
      const options = [-1, ...cols].filter((j) => j !== was);
      const to = options[Math.floor(rand() * options.length)]!;
      const rows = effect([{ site, from: was, to }]);
      if (!rows.every((i) => withinRow(model.rows[i]!, act[i]! + delta[i]!))) continue;
      for (const i of rows) act[i] = act[i]! + delta[i]!;
      if (was >= 0) x[was] = 0;
      if (to >= 0) x[to] = 1;
      done++;
    }
    return x;
  };

  let best = start;
  let bestCost = cost(start);
  let stale = 0;
  let rounds = 0;
  while (rounds < opts.rounds && stale < opts.stale && bestCost > opts.stopAt && Date.now() <= deadline) {
    rounds++;
    const polished = polish(kick(best), opts.polishWork, deadline).x;
    const c = cost(polished);
    if (c < bestCost - GAIN) {
      best = polished;
      bestCost = c;
      stale = 0;
    } else stale++;
  }
  return { x: best, rounds };
}
