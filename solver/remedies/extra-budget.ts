/**
 * With more money (SPEC 7.2): impossible rules dropped, every other rule hard,
 * each budgeted phase t may spend an extra e_t >= 0. Lexicographic, in two
 * HiGHS runs: A. the least Σ e_t (relative gap 1e-6); B. with Σ e_t kept within
 * that tolerance of A's plan, the least cost (the optimality gap). Without
 * budgets only B runs. Always feasible: every coverable site built in the first
 * phase meets every rule that is not impossible.
 */
import type { Assignment } from '../assemble.js';
import type { Highs } from '../engines/highs.js';
import { msg, type MessageDetail } from '../messages.js';
import { evaluate } from '../assemble.js';
import type { ExtraBudget } from '../types.js';
import { addBuilds } from './builds.js';
import { allMet, engineGap, remedyPlan, type RemedyContext } from './plan.js';
import { Program, solveProgram } from './program.js';
import { ruleRef } from './rules.js';

/** Relative tolerance of the least total extra money (SPEC 7.2). */
export const EXTRA_TOLERANCE = 1e-6;

/** Money in whole cents, as plans show it. */
const cents = (v: number): number => Math.round(v * 100) / 100;

/** Each phase's max(0, capex - budget), by phase index (0 for a phase without a budget). */
export function extraByPhase(ctx: RemedyContext, assign: Assignment): number[] {
  const capex = evaluate(ctx.problem, ctx.sizing, ctx.model, assign).capex;
  return ctx.problem.phases.map((p, t) => (p.budget === undefined ? 0 : Math.max(0, cents(capex[t]!) - p.budget)));
}

/** `first` is a plan within the budgets (the greedy one): when it meets every rule left, the least extra money is 0 without a search. */
export function extraBudget(ctx: RemedyContext, highs: Highs, seconds: number, first: Assignment): ExtraBudget {
  const { problem, sizing, rules } = ctx;
  const started = Date.now();
  const program = new Program();
  const builds = addBuilds(program, problem, sizing);

  const extra = problem.phases.map((p, t) => {
    if (p.budget === undefined) return -1;
    const e = program.column(0, Infinity, false);
    program.row([...builds.spend[t]!.cols, e], [...builds.spend[t]!.coefs, -1], -Infinity, p.budget - builds.fixedCapex[t]!);
    return e;
  });
  const kept = rules.filter((r) => !r.impossible);
  for (const rule of kept) {
    if (rule.kind === 'coverage') {
      const need = rule.required - rule.existing;
      if (need > 0) program.row(rule.candidates.map((i) => builds.y(i, rule.phase)), rule.candidates.map(() => 1), need, Infinity);
    } else if (rule.kind === 'spacing') {
      for (const w of rule.windows) program.row(w.map((i) => builds.y(i, rule.phase)), w.map(() => 1), 1, Infinity);
    } else if (!rule.existing) {
      program.lower[builds.y(rule.site, rule.phase)] = 1;
    }
  }

  const eCols = extra.filter((j) => j >= 0);
  const solutionOf = (assign: Assignment): number[] => {
    const x = builds.columnsOf(assign, new Array<number>(program.cost.length).fill(0));
    const over = extraByPhase(ctx, assign);
    extra.forEach((j, t) => {
      if (j >= 0) x[j] = over[t]! + 0.01; // a cent over: the figures are rounded to cents
    });
    return x;
  };
  const secondsLeft = (share: number): number => Math.max(0.05, Math.min(seconds * share, (ctx.deadline - Date.now()) / 1000));
  const everything: Assignment = problem.sites.map((s) => (s.kind === 'candidate' ? 0 : -1));
  const warnings: MessageDetail[] = [];

  // A: the least total extra money; 0 when the plan within the budgets meets every rule left.
  const none = allMet(ctx, first).every((met, q) => met || rules[q]!.impossible) && extraByPhase(ctx, first).every((v) => v === 0);
  let best = none ? first : everything;
  let provenA = true;
  if (eCols.length > 0 && !none) {
    const money = new Array<number>(program.cost.length).fill(0);
    eCols.forEach((j) => (money[j] = 1));
    const stageA = solveProgram(highs, program, { cost: money, timeLimitSeconds: secondsLeft(0.5), relGap: engineGap(ctx), absGap: 0.01, start: solutionOf(everything) });
    if (stageA.x) best = builds.assignment(stageA.x);
    provenA = stageA.status === 'optimal';
    if (!provenA) warnings.push(msg('remedy.extraUnproven'));
  }
  if (eCols.length > 0) {
    const total = extraByPhase(ctx, best).reduce((a, b) => a + b, 0);
    program.row(eCols, eCols.map(() => 1), -Infinity, total * (1 + EXTRA_TOLERANCE) + 0.01 * (eCols.length + 1));
  }

  // B: the least cost.
  const stageB = solveProgram(highs, program, { timeLimitSeconds: secondsLeft(1), relGap: engineGap(ctx), absGap: 1e-6, start: solutionOf(best) });
  const chosen = stageB.x ? builds.assignment(stageB.x) : best;
  const bound = stageB.bound === null ? null : stageB.bound + builds.fixedCost;
  const dropped = rules.filter((r) => r.impossible);
  const { plan, assign } = remedyPlan(
    ctx,
    chosen,
    (a) => {
      const over = extraByPhase(ctx, a);
      return { excused: dropped, budgets: problem.phases.map((p, t) => (p.budget === undefined ? undefined : p.budget + over[t]!)) };
    },
    { proven: provenA && stageB.status === 'optimal', bound, warnings, engine: 'highs-remedy', columns: program.cost.length, rows: program.rows.length, started },
  );
  const over = extraByPhase(ctx, assign);
  const byPhase: Record<string, number> = Object.fromEntries(problem.phases.flatMap((p, t) => (p.budget === undefined ? [] : [[p.id, cents(over[t]!)]])));
  return {
    total: cents(Object.values(byPhase).reduce((a, b) => a + b, 0)),
    byPhase,
    dropped: dropped.map((r) => ruleRef(problem, r)),
    plan,
  };
}
