/**
 * The stages of one model's search that search.ts strings together (see its comment
 * for the order and why): the polish of a plan by the local search, the first
 * plans when no rounding of the LP holds (the repaired rounding, the neighbourhood's
 * first solution), the MILP over the LP's neighbourhood, and the proof on what
 * reduced-cost fixing leaves; with the context they share.
 */
import { solveWithHighs, type Highs } from './engines/highs.js';
import { fixByReducedCost } from './fixing.js';
import { improve, IMPROVE_WORK } from './improve.js';
import type { Model } from './model.js';
import { nearLp, roundCovered } from './neighbourhood.js';
import type { Problem } from './normalize.js';
import { repairRounding } from './repair.js';
import { restrict, restrictRequired } from './restrict.js';
import type { SiteSizing } from './types.js';

export interface SearchContext {
  problem: Problem;
  sizing: SiteSizing[];
  model: Model;
  highs: () => Promise<Highs>;
  deadline: number;
  gap: number;
  /**
   * Progress: the best plan cost and bound so far; `x`, when given, yields the 0/1
   * column values of `model` for that plan (unchecked: the caller checks it).
   */
  report: (stage: string, incumbent: number | null, bound: number | null, message?: string, x?: () => number[]) => void;
}

/**
 * Share of the optimality gap the engine may use. HiGHS stops once its own gap
 * is below this; the rest is margin for the plan's cost recomputed by the plan
 * checker (the same sum in another order: a difference of about 1e-15 of it).
 * Asking HiGHS for less than needed is what makes binding-budget cases slow: the
 * last fraction of the gap is found by enumeration, not by bounding. At half the
 * gap a 45-site case went on 1.4 s after HiGHS had found the optimum 5.3e-7 above
 * the LP bound (see decision note 0003).
 */
export const ENGINE_GAP = 0.9;

/**
 * Checks of the local search polishing the repaired rounding (a count): about 0.3 s of
 * CPU at 1,200 sites, and it takes the repaired plan from 2e-4-8e-3 above the LP bound
 * to within 1e-4 on most of the tight family and the hard cases (decision note 0009).
 */
export const FIRST_POLISH_WORK = 300_000;

/** Branch-and-bound nodes of the LP neighbourhood's MILP (a count, not a clock: plans must not depend on load). */
export const NEAR_NODES = 500;

/** How a search ended. */
export type SearchStatus = 'optimal' | 'feasible' | 'infeasible' | 'unknown';

export interface CoreResult {
  status: SearchStatus;
  /** 0/1 values of the solved model's columns. */
  x: number[] | null;
  objective: number | null;
  bound: number | null;
  engine: string;
}

export const secondsLeft = (ctx: SearchContext): number => Math.max(0.05, (ctx.deadline - Date.now()) / 1000);

export const withinGap = (ctx: SearchContext, objective: number, bound: number): boolean =>
  objective - bound <= ctx.gap * Math.abs(objective) + 1e-6;

/** What the stages of one model's search share. */
export interface Stage {
  ctx: SearchContext;
  model: Model;
  highs: Highs;
  /** Passes a plan (and a bound) on as progress. */
  offer: (inc: number | null, b: number | null, message?: string, x?: (() => number[]) | null) => void;
  /** HiGHS' improving solutions, passed on. */
  onProgress: (inc: number | null, b: number | null, x: (() => number[]) | null) => void;
  cost: (x: number[]) => number;
}

export const maxBound = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** The plan polished by the local search (work-counted), passed on when it is better. */
export function polishPlan(st: Stage, x: number[], bound: number, message: string, work = IMPROVE_WORK): number[] {
  const polished = improve(st.model, x, work, st.ctx.deadline).x;
  if (st.cost(polished) >= st.cost(x)) return x;
  st.offer(st.cost(polished), bound, message, () => polished);
  return polished;
}

/**
 * No rounding holds: the rounding up with the budgets' excess repaired (repair.ts), passed
 * on at once, then polished by a short local search and passed on again. Both are
 * work-counted. Returns the polished plan, or null when the repair finds none.
 */
export function repairedFirst(st: Stage, lpX: number[], lpBound: number): number[] | null {
  const repaired = repairRounding(st.model, roundCovered(st.model, lpX, Math.ceil));
  if (!repaired) return null;
  st.offer(st.cost(repaired), lpBound, 'LP solution rounded within the budgets', () => repaired);
  return polishPlan(st, repaired, lpBound, 'rounding within the budgets polished', FIRST_POLISH_WORK);
}

/** No rounding holds: the neighbourhood's first plan, a fraction of a second after the LP (HiGHS stops at its first solution). */
export function neighbourhoodFirst(st: Stage, lpX: number[], lpBound: number): number[] | null {
  const { ctx, model, highs, cost } = st;
  const keep = nearLp(model, lpX);
  const sub = restrict(model, (_, j) => keep(j), () => true);
  const first = solveWithHighs(highs, sub.model, {
    timeLimitSeconds: secondsLeft(ctx) / 4,
    relGap: 1,
    highsOptions: { mip_max_nodes: NEAR_NODES, mip_max_improving_sols: 1, presolve: 'off' },
  });
  if (!first.x) return null;
  const plan = sub.lift(first.x);
  st.offer(cost(plan), lpBound, 'first plan of the LP neighbourhood', () => plan);
  return plan;
}

/**
 * The MILP over the LP's neighbourhood, bounded by a node count and started from the
 * best plan so far, searched for a plan that meets the LP bound. Returns the best plan.
 */
export function neighbourhood(st: Stage, lp: { x: number[]; bound: number; rowDual: Float64Array | null }, near: number[] | null): number[] | null {
  const { ctx, model, highs, cost } = st;
  const lpBound = lp.bound;
  const keep = nearLp(model, lp.x);
  let sub = restrict(model, (_, j) => keep(j), () => true);
  // With a plan in hand, the columns the LP's reduced costs rule out of every cheaper plan go too (see fixing.ts).
  const fixing = near && lp.rowDual ? fixByReducedCost(model, lp.rowDual, cost(near)) : null;
  if (fixing?.empty) return near;
  if (fixing && fixing.fixed > 0) sub = restrictRequired(model, (j) => keep(j) && fixing.keeps(j), fixing.required);
  const start = near ? sub.project(near) : null;
  const found = solveWithHighs(highs, sub.model, {
    timeLimitSeconds: secondsLeft(ctx) / 2,
    relGap: ctx.gap * ENGINE_GAP,
    ...(start ? { start } : {}),
    // Only a plan that meets the LP bound is sought: every node whose bound is above it is pruned.
    highsOptions: { mip_max_nodes: NEAR_NODES, objective_bound: lpBound + ctx.gap * Math.abs(lpBound) },
    // Its plans are plans of the full model; its bound is not a bound of the full model.
    onProgress: (inc, _b, x) => st.onProgress(inc, null, x ? () => sub.lift(x()) : null),
  });
  const lifted = found.x ? sub.lift(found.x) : null;
  return lifted && (!near || cost(lifted) < cost(near)) ? lifted : near;
}

/**
 * The proof, started from the polished plan, on the model without the columns the
 * LP's reduced costs rule out of every cheaper plan (see fixing.ts).
 */
export function prove(st: Stage, polished: number[], bound: number | null, rowDual: Float64Array | null): CoreResult {
  const { ctx, model, highs, cost } = st;
  const objective = cost(polished);
  const fixing = rowDual ? fixByReducedCost(model, rowDual, objective) : null;
  // Contradicting fixings: every plan costs more than the polished one.
  if (fixing?.empty) return { status: 'optimal', x: polished, objective, bound: objective, engine: 'highs+local+fixing' };
  // The polished plan keeps every fixing (it is cheaper than the cutoff); should rounding say otherwise, the full model runs.
  const fixedStart = fixing && fixing.fixed > 0 ? fixing.project(polished) : null;
  const proof = fixing && fixedStart ? fixing : null;
  const mip = solveWithHighs(highs, proof ? proof.model : model, {
    timeLimitSeconds: secondsLeft(ctx),
    relGap: ctx.gap * ENGINE_GAP,
    start: fixedStart ?? polished,
    onProgress: proof ? (inc, b, x) => st.onProgress(inc, b === null ? null : Math.min(b, proof.threshold), x ? () => proof.lift(x()) : null) : st.onProgress,
  });
  const mipX = mip.x && proof ? proof.lift(mip.x) : mip.x;
  const mipBound = mip.bound === null ? null : proof ? Math.min(mip.bound, proof.threshold) : mip.bound;
  bound = maxBound(bound, mipBound);
  const fixed = proof ? '+fixing' : '';
  const proven = (v: number): 'optimal' | 'feasible' => (bound !== null && withinGap(ctx, v, bound) ? 'optimal' : 'feasible');
  if (!mipX || cost(mipX) > objective) return { status: proven(objective), x: polished, objective, bound, engine: `highs+local${fixed}` };
  return { status: proven(cost(mipX)), x: mipX, objective: cost(mipX), bound, engine: `highs${fixed}` };
}
