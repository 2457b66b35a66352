/**
 * The benchmark's `tight` family: budgets that bind in every phase at once, built the
 * way the hard cases of test/bench/cases/hard/ were built:
 *  1. the network is drawn from the seed (the generator, no budgets);
 *  2. the budget-free problem is solved, and its optimal schedule is front-loaded:
 *     from the last phase back to the second, sites built in a phase (in an order
 *     drawn from the seed) move one phase earlier until that phase spends 12-25%
 *     less than the budget-free optimum does in it (a share drawn per phase);
 *  3. each phase's budget is that schedule's spending plus 1-4% slack (drawn per
 *     phase), rounded up to two and a half significant figures (48.5e6, 1.30e6).
 * The front-loaded schedule fits the budgets, so the province is feasible; the
 * budget-free optimum breaks at least the last phase's budget.
 */
import { mulberry32 } from '../../data/generate-lib.js';
import { buildModel, type Model } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { sizeProblem } from '../../solver/sizing.js';
import type { Dataset, Plan } from '../../solver/types.js';

/** How each phase's budget was made. */
export interface FrontLoading {
  /** Spending per phase of the budget-free optimum. */
  free: number[];
  /** Spending per phase of the front-loaded schedule. */
  loaded: number[];
  /** Drawn share each later phase is to spend less than the budget-free optimum (0 for the first phase). */
  cut: number[];
  /** Drawn slack per phase, 0.01-0.04. */
  slack: number[];
  /** Build phase per site (index into the data set's service areas; -1 never built) of the front-loaded schedule. */
  schedule: number[];
}

/** Rounds up to two and a half significant figures: a step of 5 in the third digit (48.5e6, 1.30e6). */
export function roundUpHalfThird(v: number): number {
  if (v <= 0) return 0;
  const step = 5 * Math.pow(10, Math.floor(Math.log10(v)) - 2);
  // Steps are whole numbers for any budget of at least 200 (a yuan or more).
  return Math.ceil(v / step - 1e-9) * step;
}

/** Spending per phase of a schedule (build phase per site index of the problem; existing sites always). */
function spending(model: Model, build: number[], phases: number): number[] {
  const spend = model.fixedCapex.slice(0, phases);
  build.forEach((k, i) => {
    if (k < 0) return;
    const traj = model.columns[model.firstColumn[i]! + k]!.traj;
    traj.capex.forEach((v, t) => (spend[t]! += v));
  });
  return spend;
}

/**
 * Sets the budgets of `dataset` (which has none) from its budget-free optimum `free`,
 * as described above; returns how they were made.
 */
export function frontLoad(dataset: Dataset, free: Plan, seed: number): FrontLoading {
  const rng = mulberry32(seed ^ 0x5eed7);
  const uniform = (lo: number, hi: number): number => lo + (hi - lo) * rng();
  const problem = normalize(dataset);
  const model = buildModel(problem, sizeProblem(problem));
  const T = problem.phases.length;
  const phaseIndex = new Map(problem.phases.map((p, t) => [p.id, t]));
  const planned = new Map(free.sites.map((s) => [s.id, s.buildPhase]));
  const build = problem.sites.map((s) => (s.kind === 'candidate' ? (phaseIndex.get(planned.get(s.id) ?? '') ?? -1) : -1));
  const freeSpend = spending(model, build, T);
  const cut = new Array<number>(T).fill(0);
  for (let t = T - 1; t >= 1; t--) {
    cut[t] = uniform(0.12, 0.25);
    const target = (1 - cut[t]!) * freeSpend[t]!;
    const movable = build.map((k, i) => (k === t ? i : -1)).filter((i) => i >= 0);
    // A seeded shuffle: which sites move is drawn, not chosen.
    for (let q = movable.length - 1; q > 0; q--) {
      const r = Math.floor(rng() * (q + 1));
      [movable[q], movable[r]] = [movable[r]!, movable[q]!];
    }
    for (const i of movable) {
      if (spending(model, build, T)[t]! <= target) break;
      build[i] = t - 1;
    }
  }
  const loaded = spending(model, build, T);
  const slack = loaded.map(() => uniform(0.01, 0.04));
  dataset.phases.forEach((p, t) => (p.budget = roundUpHalfThird(loaded[t]! * (1 + slack[t]!))));
  const schedule = dataset.serviceAreas.map((sa) => {
    const i = problem.sites.findIndex((s) => s.id === sa.id);
    return i >= 0 ? build[i]! : -1;
  });
  return { free: freeSpend, loaded, cut, slack, schedule };
}
