/**
 * The search strategy (see docs/decisions/0001-solver-strategy.md):
 *  1. Small models go to javascript-lp-solver, which answers them without
 *     loading the WebAssembly module; its answer counts only when it meets its
 *     own LP bound within the optimality gap.
 *  2. The LP relaxation of the cumulative form, by HiGHS. Without binding budgets
 *     it is very often integral: then it is the optimum, proven by its own bound.
 *  3. Otherwise the MILP of the cumulative form, by HiGHS, asked for half the
 *     optimality gap; at the time limit it returns its best plan and its bound.
 * Every plan an engine returns is recomputed and checked before it is believed.
 */
import { assignmentFromColumns, evaluate, type Assignment } from './assemble.js';
import { solveWithHighs, type Highs } from './engines/highs.js';
import { solveSmall } from './engines/lp-solver.js';
import type { Model } from './model.js';
import type { Problem } from './normalize.js';
import type { SiteSizing } from './types.js';

export interface SearchResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  assign: Assignment | null;
  bound: number | null;
  engine: string;
}

export interface SearchContext {
  problem: Problem;
  sizing: SiteSizing[];
  model: Model;
  highs: () => Promise<Highs>;
  deadline: number;
  gap: number;
  report: (stage: string, incumbent: number | null, bound: number | null, message?: string) => void;
}

const INTEGRAL = 1e-7;

/**
 * Share of the optimality gap the engine may use. HiGHS stops once its own gap
 * is below this; the rest is margin for the plan's recomputed cost (rounded to
 * the cent). Asking HiGHS for far less than needed is what makes binding-budget
 * cases slow: the last 1e-7 is found by enumeration, not by bounding.
 */
export const ENGINE_GAP = 0.5;

export async function search(ctx: SearchContext): Promise<SearchResult> {
  const { model } = ctx;
  const secondsLeft = (): number => Math.max(0.05, (ctx.deadline - Date.now()) / 1000);

  if (model.columns.length === 0) {
    // Nothing left to decide (every service area existing-covered or excluded).
    const assign = checked(ctx, []);
    return assign
      ? { status: 'optimal', assign, bound: evaluate(ctx.problem, ctx.sizing, model, assign).objective, engine: 'presolve' }
      : { status: 'infeasible', assign: null, bound: null, engine: 'presolve' };
  }

  const small = solveSmall(model, Math.min(2, secondsLeft()), ctx.gap);
  if (small) {
    const assign = checked(ctx, small.x);
    if (assign) return { status: 'optimal', assign, bound: small.bound, engine: 'lp-solver' };
  }

  const highs = await ctx.highs();
  const lp = solveWithHighs(highs, model, { timeLimitSeconds: secondsLeft(), relGap: ctx.gap, relaxation: true });
  if (lp.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: 'highs-lp' };
  const lpBound = lp.status === 'optimal' ? lp.objective : null;
  ctx.report('lp', null, lpBound, `relaxation ${lp.status}`);

  if (lp.x && lp.status === 'optimal' && lp.x.every((v) => Math.abs(v - Math.round(v)) < INTEGRAL)) {
    const assign = checked(ctx, lp.x.map((v) => Math.round(v)));
    if (assign) return { status: 'optimal', assign, bound: lpBound, engine: 'highs-lp' };
  }

  const full = solveWithHighs(highs, model, {
    timeLimitSeconds: secondsLeft(),
    relGap: ctx.gap * ENGINE_GAP,
    onProgress: (inc, b) => ctx.report('search', inc, b),
  });
  if (full.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: 'highs' };
  const bound = full.bound === null ? lpBound : lpBound === null ? full.bound : Math.max(full.bound, lpBound);
  const assign = full.x ? checked(ctx, full.x) : null;
  if (!assign) return { status: 'unknown', assign: null, bound, engine: 'highs' };
  const objective = evaluate(ctx.problem, ctx.sizing, model, assign).objective;
  const proven = bound !== null && objective - bound <= ctx.gap * Math.abs(objective) + 1e-6;
  return { status: proven ? 'optimal' : 'feasible', assign, bound, engine: 'highs' };
}

/** The assignment of 0/1 column values, if it satisfies every constraint when recomputed. */
function checked(ctx: SearchContext, x: number[]): Assignment | null {
  const assign = assignmentFromColumns(ctx.problem, ctx.model, x);
  return evaluate(ctx.problem, ctx.sizing, ctx.model, assign).violations.length === 0 ? assign : null;
}
