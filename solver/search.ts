/**
 * The search strategy (see docs/decisions/0001-solver-strategy.md,
 * 0003-binding-budgets-and-anytime.md, 0004-reduced-cost-fixing-and-memory.md,
 * 0007-budgets-binding-in-every-phase.md, 0009-first-plans-within-the-budgets.md and
 * 0010-where-the-hard-proofs-stand.md).
 *
 * Phase-free reduction. When no candidate's cost depends on its build phase (no
 * discounting and a pile need that never falls, the common case), a plan's cost
 * is the cost of the set of sites it covers by the last phase. Without budgets the
 * cheapest plan is then the cheapest *set* that meets every phase's coverage and
 * spacing rows at once (build it all in the first phase, then defer): one column
 * per site instead of one per site and phase. With budgets that set is a lower
 * bound, and a phasing of it that fits the budgets is a proven optimum; only when
 * none exists does the full model run.
 *
 * Each model (reduced or full) is solved the same way:
 *  1. small models: the LP relaxation by javascript-lp-solver, accepted when integral
 *     (no WebAssembly module to load);
 *  2. the LP relaxation of the cumulative form by HiGHS, accepted when integral;
 *  3. the LP solution rounded (else, for models beyond 150 columns, the rounding up
 *     with the budgets' excess repaired and polished is passed on as the first plan,
 *     accepted when it meets the LP bound; else the searches keep the first plan of
 *     the LP neighbourhood's MILP as their start),
 *     then the MILP over the LP's neighbourhood less what reduced-cost fixing rules
 *     out (a node count): accepted when it meets the LP bound; when the LP spends
 *     every later phase's budget to its limit, the first plan and the neighbourhood's,
 *     polished by the local search, are accepted when they meet it; else the better of
 *     them is kicked and polished again (kicks.ts), and accepted when it meets it;
 *  4. the MILP of the cumulative form by HiGHS, asked for 0.9 of the optimality gap:
 *     models of more than 150 columns are searched once, from the best plan in hand
 *     (the neighbourhood's, or the polished or kicked one when it is better); smaller
 *     ones get a quick search, the local search, and the proof on the model
 *     reduced-cost fixing leaves.
 * Every plan an engine returns is recomputed and checked before it is believed.
 */
import { assignmentFromColumns, evaluate, type Assignment } from './assemble.js';
import { solveWithHighs } from './engines/highs.js';
import { LP_SOLVER_MAX_COLUMNS, solveSmall } from './engines/lp-solver.js';
import { improve, IMPROVE_WORK } from './improve.js';
import { KICKS, kickSearch } from './kicks.js';
import { columnsCost, type Model } from './model.js';
import { laterBudgetsBind, roundLp } from './neighbourhood.js';
import { restrict, restrictRequired } from './restrict.js';
import {
  ENGINE_GAP,
  maxBound,
  neighbourhood,
  neighbourhoodFirst,
  polishPlan,
  prove,
  repairedFirst,
  secondsLeft,
  withinGap,
  type CoreResult,
  type SearchContext,
  type SearchStatus,
  type Stage,
} from './search-stages.js';

export { ENGINE_GAP, type SearchContext } from './search-stages.js';

export interface SearchResult {
  status: SearchStatus;
  assign: Assignment | null;
  bound: number | null;
  engine: string;
}

const INTEGRAL = 1e-7;

/** Gap of the quick first search whose plan the local search then polishes. */
export const QUICK_GAP = 1e-4;

/**
 * Models up to this many columns skip the LP neighbourhood: HiGHS' whole search takes
 * a fraction of a second there, and their plans stay the ones the full search finds
 * (among equal-cost plans, which one a search reaches depends on its route; the
 * sample data's plans and the stories told with them are kept).
 */
export const NEAR_MIN_COLUMNS = LP_SOLVER_MAX_COLUMNS;

/**
 * Models of more than NEAR_MIN_COLUMNS columns are searched once, to the optimality
 * gap, from the LP neighbourhood's plan, instead of a quick search, the local search
 * and a proof: each HiGHS run repeats presolve and the root's cuts, and the quick
 * search's plan does not shorten the proof enough to pay for that (see decision note
 * 0004). Smaller models keep the three stages, so that their plans (among equal-cost
 * ones, the one a search ends on depends on its route) stay the ones the sample data's
 * stories tell.
 */
const oneSearch = (model: Model): boolean => model.columns.length > NEAR_MIN_COLUMNS;

/** Share of the optimality gap above the LP bound at which the kicks stop (the rest is margin for the plan checker's sum). */
const KICK_STOP = 0.9;

export async function search(ctx: SearchContext): Promise<SearchResult> {
  const { model } = ctx;
  if (model.columns.length === 0) {
    // Nothing left to decide (every service area existing-covered or excluded).
    const assign = checked(ctx, []);
    return assign
      ? { status: 'optimal', assign, bound: evaluate(ctx.problem, ctx.sizing, model, assign).objective, engine: 'presolve' }
      : { status: 'infeasible', assign: null, bound: null, engine: 'presolve' };
  }

  let lowerBound: number | null = null;
  if (phaseFree(model)) {
    const single = restrict(model, (c) => c.phase === 0, (r) => r.kind !== 'budget');
    const core = await solveCore(ctx, single.model, 'set');
    if (core.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: core.engine };
    const budgets = model.rows.some((r) => r.kind === 'budget');
    const setX = core.x ? single.lift(core.x) : null;
    if (!budgets) {
      const assign = setX ? checked(ctx, setX) : null;
      if (!assign) return { status: 'unknown', assign: null, bound: core.bound, engine: core.engine };
      return { status: core.status === 'optimal' ? 'optimal' : 'feasible', assign, bound: core.bound, engine: core.engine };
    }
    lowerBound = core.bound;
    if (setX && core.status === 'optimal') {
      // Phase the cheapest set within the budgets: any phasing costs the same.
      const chosen = new Set(model.columns.filter((_, j) => setX[j] === 1).map((c) => c.site));
      const phasing = restrictRequired(model, (j) => chosen.has(model.columns[j]!.site), chosen);
      // Any feasible phasing will do (relGap 1). HiGHS' presolve costs more than it saves on
      // this all-equal-cost model (measured: 0.6 s against 1.0 s at 1,200 sites).
      const fit = solveWithHighs(await ctx.highs(), phasing.model, {
        timeLimitSeconds: Math.min(30, secondsLeft(ctx) / 4),
        relGap: 1,
        highsOptions: { presolve: 'off' },
      });
      const assign = fit.x ? checked(ctx, phasing.lift(fit.x)) : null;
      if (assign) {
        const objective = evaluate(ctx.problem, ctx.sizing, model, assign).objective;
        if (lowerBound !== null && withinGap(ctx, objective, lowerBound)) {
          return { status: 'optimal', assign, bound: lowerBound, engine: `${core.engine}+phasing` };
        }
      }
      ctx.report('search', null, lowerBound, 'the cheapest set does not fit the budgets; solving the full model');
    }
  }

  const full = await solveCore(ctx, model, 'full');
  const bound = full.bound === null ? lowerBound : lowerBound === null ? full.bound : Math.max(full.bound, lowerBound);
  if (full.status === 'infeasible') return { status: 'infeasible', assign: null, bound: null, engine: full.engine };
  const assign = full.x ? checked(ctx, full.x) : null;
  if (!assign) return { status: 'unknown', assign: null, bound, engine: full.engine };
  const objective = evaluate(ctx.problem, ctx.sizing, model, assign).objective;
  const proven = full.status === 'optimal' || (bound !== null && withinGap(ctx, objective, bound));
  return { status: proven ? 'optimal' : 'feasible', assign, bound, engine: full.engine };
}

/** LP relaxation first (javascript-lp-solver for small models, else HiGHS); the MILP only when it is fractional. */
async function solveCore(ctx: SearchContext, model: Model, label: string): Promise<CoreResult> {
  const small = solveSmall(model);
  if (small) return { status: 'optimal', x: small.x, objective: small.objective, bound: small.bound, engine: 'lp-solver' };

  const highs = await ctx.highs();
  const lp = solveWithHighs(highs, model, { timeLimitSeconds: secondsLeft(ctx), relGap: ctx.gap, relaxation: true });
  if (lp.status === 'infeasible') return { status: 'infeasible', x: null, objective: null, bound: null, engine: 'highs-lp' };
  const lpBound = lp.status === 'optimal' ? lp.objective : null;
  ctx.report('lp', null, lpBound, `${label} model: ${model.columns.length} columns, ${model.rows.length} rows`);
  if (lp.x && lp.status === 'optimal' && lp.x.every((v) => Math.abs(v - Math.round(v)) < INTEGRAL)) {
    return { status: 'optimal', x: lp.x.map((v) => Math.round(v)), objective: lp.objective, bound: lpBound, engine: 'highs-lp' };
  }

  // Incumbents of the full model are plans: passed on with the best bound known.
  const publish = model === ctx.model;
  let known = lpBound;
  // Only plans better than the best one passed on so far are passed on.
  let best = Infinity;
  const offer = (inc: number | null, b: number | null, message?: string, x?: (() => number[]) | null): void => {
    const improves = inc !== null && inc < best - 1e-6;
    if (improves) best = inc;
    const bound = maxBound(b, known);
    ctx.report('search', improves ? inc : best === Infinity ? null : best, bound, message, publish && improves && x ? x : undefined);
  };
  const onProgress = (inc: number | null, b: number | null, x: (() => number[]) | null): void => offer(inc, b, undefined, x);
  const cost = (x: number[]): number => columnsCost(model, x);

  const stage: Stage = { ctx, model, highs, offer, onProgress, cost };

  // The LP solution rounded, then the LP's neighbourhood (see neighbourhood.ts).
  let near: number[] | null = null;
  // The best plan the local search made of the searches' starts (larger models), and whether the kicks made it.
  let probed: number[] | null = null;
  let kickedBest = false;
  const rounded = lp.x ? roundLp(model, lp.x) : null;
  if (rounded) {
    offer(cost(rounded), lpBound, 'LP solution rounded', () => rounded);
    near = rounded;
  }
  // No rounding holds: the rounding up with the budgets repaired, polished, is passed on
  // as the first plan; the searches below keep their own starts (it is returned when it
  // meets the LP bound, or when the time limit stops them with nothing better).
  let early: number[] | null = null;
  if (lp.x && lpBound !== null && model.columns.length > NEAR_MIN_COLUMNS) {
    /** A plan within the gap of the LP bound is the answer: nothing cheaper is worth a search. */
    const meetsLp = (x: number[] | null, engine: string): CoreResult | null =>
      x && withinGap(ctx, cost(x), lpBound) ? { status: 'optimal', x, objective: cost(x), bound: lpBound, engine } : null;
    let proven = meetsLp(near, 'highs-lp+round');
    if (proven) return proven;
    if (!near) early = repairedFirst(stage, lp.x, lpBound);
    proven = meetsLp(early, 'highs-lp+repair');
    if (proven) return proven;
    if (!near) near = neighbourhoodFirst(stage, lp.x, lpBound);
    const first = near;
    near = neighbourhood(stage, { x: lp.x, bound: lpBound, rowDual: lp.rowDual ?? null }, near);
    proven = meetsLp(near, 'highs-near');
    if (proven) return proven;
    // Budgets binding in every later phase: the first plan and the neighbourhood's,
    // polished. The local search takes one of them to the optimum, or within a hair of
    // it, where HiGHS' searches do not (decision note 0007).
    const probes = laterBudgetsBind(model, lp.x) ? (near === first ? [first] : [first, near]) : [];
    for (const start of probes) {
      if (!start) continue;
      const polished = polishPlan(stage, start, lpBound, start === first ? 'first plan polished' : 'neighbourhood plan polished');
      proven = meetsLp(polished, 'highs-near+local');
      if (proven) return proven;
      if (!probed || cost(polished) < cost(probed)) probed = polished;
    }
    // Neither polish met the LP bound: the best of them kicked and polished again, a few
    // dozen rounds (decision note 0010). The one search below starts from the best plan
    // in hand: with the optimum as its start HiGHS often proves it at the root, where
    // from the neighbourhood's plan it searches hundreds of nodes (note 0010, finding 8).
    if (probed) {
      // At most a quarter of the time left, so that a short time limit leaves the one search its share.
      const deadline = Date.now() + (secondsLeft(ctx) * 1000) / 4;
      const kicked = kickSearch(model, probed, { ...KICKS, stopAt: lpBound + KICK_STOP * ctx.gap * Math.abs(lpBound), deadline }).x;
      if (cost(kicked) < cost(probed)) {
        probed = kicked;
        kickedBest = true;
        offer(cost(kicked), lpBound, 'local search with kicks', () => kicked);
        proven = meetsLp(kicked, 'highs-near+kicks');
        if (proven) return proven;
      }
      if (!near || cost(probed) < cost(near)) near = probed;
    }
  }

  // Models beyond NEAR_MIN_COLUMNS: one search to the gap, from the best plan in hand.
  // Smaller ones: a quick incumbent (1e-4), polished by local search, then the proof
  // warm-started from it (when the polish reaches HiGHS' bound no proof is needed).
  const once = oneSearch(model);
  const searched = solveWithHighs(highs, model, {
    timeLimitSeconds: secondsLeft(ctx),
    relGap: once ? ctx.gap * ENGINE_GAP : QUICK_GAP,
    ...(near && once ? { start: near } : {}),
    onProgress,
  });
  const bound = maxBound(searched.bound, lpBound);
  known = bound;
  // A search the time limit stopped returns the better of its plan and the neighbourhood's.
  if (searched.status !== 'optimal' || !searched.x) {
    const x = [near, probed, early].reduce((a, b) => (b && (!a || cost(b) < cost(a)) ? b : a), searched.x);
    if (!x) return { status: searched.status, x: null, objective: null, bound, engine: 'highs' };
    const proven = bound !== null && withinGap(ctx, cost(x), bound);
    const engine = x === searched.x ? 'highs' : x === probed ? (kickedBest ? 'highs-near+kicks' : 'highs-near+local') : x === early ? 'highs-lp+repair' : 'highs-near';
    return { status: proven ? 'optimal' : 'feasible', x, objective: cost(x), bound, engine };
  }
  if (bound !== null && withinGap(ctx, cost(searched.x), bound)) return { status: 'optimal', x: searched.x, objective: cost(searched.x), bound, engine: 'highs' };
  const polish = improve(model, searched.x, IMPROVE_WORK, ctx.deadline);
  const polished = polish.x;
  const objective = cost(polished);
  offer(objective, bound, 'local search done', () => polished);
  if (bound !== null && withinGap(ctx, objective, bound)) {
    return { status: 'optimal', x: polished, objective, bound, engine: 'highs+local' };
  }
  if (polish.stopped) return { status: 'feasible', x: polished, objective, bound, engine: 'highs+local' };
  return prove(stage, polished, bound, lp.rowDual ?? null);
}

/** True when every candidate's discounted cost is the same whatever its build phase. */
function phaseFree(model: Model): boolean {
  for (let j = 1; j < model.columns.length; j++) {
    const a = model.columns[j - 1]!;
    const b = model.columns[j]!;
    if (a.site === b.site && Math.abs(a.cost - b.cost) > 1e-9 * Math.max(1, Math.abs(a.cost))) return false;
  }
  return true;
}

/** The assignment of 0/1 column values, if it satisfies every constraint when recomputed. */
function checked(ctx: SearchContext, x: number[]): Assignment | null {
  const assign = assignmentFromColumns(ctx.problem, ctx.model, x);
  return evaluate(ctx.problem, ctx.sizing, ctx.model, assign).violations.length === 0 ? assign : null;
}
