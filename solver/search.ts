/**
 * The search strategy (see docs/decisions/0001-solver-strategy.md):
 *  1. LP relaxation of the cumulative form. Without binding budgets it is very
 *     often integral: then it is the optimum, proven by its own bound.
 *  2. Otherwise a restricted MIP over the sites the LP uses at all (the others
 *     fixed to "never") finds a near-optimal plan fast; if it meets the LP bound
 *     within the optimality gap it is proven optimal.
 *  3. Otherwise the full MIP, warm-started with that plan, closes the gap; at the
 *     time limit it returns its best plan and its proven bound.
 * Very small models go to javascript-lp-solver first, which answers them without
 * loading the WebAssembly module; its answer is checked before it is believed.
 */
import { assignmentFromColumns, evaluate, type Assignment } from './assemble.js';
import { solveWithHighs, type EngineResult, type Highs } from './engines/highs.js';
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
  highs: Highs;
  deadline: number;
  gap: number;
  report: (stage: string, incumbent: number | null, bound: number | null, message?: string) => void;
}

const INTEGRAL = 1e-7;

export function search(ctx: SearchContext): SearchResult {
  const { model, highs } = ctx;
  const secondsLeft = (): number => Math.max(0.05, (ctx.deadline - Date.now()) / 1000);

  if (model.columns.length === 0) {
    // Nothing left to decide (every service area existing-covered or excluded).
    const assign = checked(ctx, []);
    return assign
      ? { status: 'optimal', assign, bound: evaluate(ctx.problem, ctx.sizing, model, assign).objective, engine: 'presolve' }
      : { status: 'infeasible', assign: null, bound: null, engine: 'presolve' };
  }

  const lp = solveWithHighs(highs, model, { timeLimitSeconds: secondsLeft(), relGap: ctx.gap, relaxation: true });
  if (lp.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: 'highs-lp' };
  const lpBound = lp.status === 'optimal' ? lp.objective : null;
  ctx.report('lp', null, lpBound, `relaxation ${lp.status}`);

  if (lp.x && lp.status === 'optimal' && lp.x.every((v) => Math.abs(v - Math.round(v)) < INTEGRAL)) {
    const assign = checked(ctx, lp.x.map((v) => Math.round(v)));
    if (assign) return { status: 'optimal', assign, bound: lpBound, engine: 'highs-lp' };
  }

  let best: { assign: Assignment; objective: number; x: number[] } | null = null;
  let bound = lpBound;
  const consider = (res: EngineResult, isBound: boolean): void => {
    if (isBound && res.bound !== null) bound = bound === null ? res.bound : Math.max(bound, res.bound);
    if (!res.x) return;
    const assign = checked(ctx, res.x);
    if (!assign) return;
    const objective = evaluate(ctx.problem, ctx.sizing, model, assign).objective;
    if (!best || objective < best.objective - 1e-9) best = { assign, objective, x: res.x };
    ctx.report('search', best.objective, bound);
  };
  const proven = (): boolean => best !== null && bound !== null && best.objective - bound <= ctx.gap * Math.abs(best.objective) + 1e-6;

  // Restricted MIP over the LP's support.
  if (lp.x) {
    const used = new Set<number>();
    model.columns.forEach((c, j) => {
      if ((lp.x![j] ?? 0) > INTEGRAL) used.add(c.site);
    });
    const fixed = new Map<number, number>();
    model.columns.forEach((c, j) => {
      if (!used.has(c.site)) fixed.set(j, 0);
    });
    if (fixed.size > 0) {
      const sub = solveWithHighs(highs, model, { timeLimitSeconds: Math.min(secondsLeft() / 3, 30), relGap: ctx.gap / 10, fixed });
      consider(sub, false);
      ctx.report('search', best ? (best as { objective: number }).objective : null, bound, 'restricted search done');
      if (proven()) return { status: 'optimal', assign: best!.assign, bound, engine: 'highs-restricted' };
    }
  }

  const full = solveWithHighs(highs, model, {
    timeLimitSeconds: secondsLeft(),
    relGap: ctx.gap / 10,
    ...(best ? { start: (best as { x: number[] }).x } : {}),
    onProgress: (inc, b) => ctx.report('search', inc, b),
  });
  if (full.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: 'highs' };
  consider(full, true);
  if (!best) return { status: 'unknown', assign: null, bound, engine: 'highs' };
  const b = best as { assign: Assignment; objective: number };
  return { status: proven() ? 'optimal' : 'feasible', assign: b.assign, bound, engine: 'highs' };
}

/** The assignment of 0/1 column values, if it satisfies every constraint when recomputed. */
function checked(ctx: SearchContext, x: number[]): Assignment | null {
  const assign = assignmentFromColumns(ctx.problem, ctx.model, x);
  return evaluate(ctx.problem, ctx.sizing, ctx.model, assign).violations.length === 0 ? assign : null;
}
