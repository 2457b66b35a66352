/**
 * Within the budgets (SPEC 7.1): budgets hard, every rule soft. Lexicographic,
 * in two HiGHS runs:
 *  A. the most rules met, then the least shortfall, as one integer objective
 *     W·(rules missed) + shortfall with W = 1 + the largest possible shortfall:
 *     every value is a whole number, so a proven gap below 1 is proven exactly;
 *  B. with those two figures kept, the least cost to the optimality gap.
 * Each rule has a 0/1 indicator m (1: met); a coverage rule has a shortfall
 * u >= required - covered, with u = 0 when m = 1.
 */
import type { Assignment } from '../assemble.js';
import type { Highs } from '../engines/highs.js';
import { msg, renderMessage, type MessageDetail } from '../messages.js';
import type { UnmetRule, WithinBudget, WithinBudgetUnavailable } from '../types.js';
import { addBuilds } from './builds.js';
import { allMet, coveredBy, engineGap, remedyPlan, shortfallOf, type RemedyContext } from './plan.js';
import { figuresBound, moneyRows, roomOf } from './cuts.js';
import { Program, solveProgram, type ProgramResult } from './program.js';
import { coveredCount, ruleRef, type Rule } from './rules.js';

/** `first` is the greedy plan within the budgets (greedy.ts), the search's start. */
export function withinBudget(ctx: RemedyContext, highs: Highs, seconds: number, first: Assignment): WithinBudget | WithinBudgetUnavailable {
  const { problem, sizing, rules } = ctx;
  const started = Date.now();
  const program = new Program();
  const builds = addBuilds(program, problem, sizing);

  for (const [t, p] of problem.phases.entries()) {
    if (p.budget === undefined) continue;
    const room = p.budget - builds.fixedCapex[t]!;
    if (room < -1e-6) {
      const reason = msg('remedy.withinUnavailable', { phase: p.id, least: builds.fixedCapex[t]!, budget: p.budget });
      return { unavailable: renderMessage(reason), unavailableDetail: reason };
    }
    program.row(builds.spend[t]!.cols, builds.spend[t]!.coefs, -Infinity, Math.max(0, room));
  }

  // Indicators (m) and shortfalls (u), rule by rule; rules met whatever the plan need neither.
  const indicator = new Array<number>(rules.length).fill(-1);
  const shortfall = new Array<number>(rules.length).fill(-1);
  rules.forEach((rule, q) => {
    if (rule.kind === 'coverage') {
      const need = rule.required - rule.existing;
      if (need <= 0) return;
      const u = program.column(0, need, true);
      shortfall[q] = u;
      program.row([...rule.candidates.map((i) => builds.y(i, rule.phase)), u], [...rule.candidates.map(() => 1), 1], need, Infinity);
      if (rule.impossible) return;
      const m = program.column(0, 1, true);
      indicator[q] = m;
      // Met: the covered candidates reach the need (stronger in the LP than u <= need·(1 - m)).
      program.row([...rule.candidates.map((i) => builds.y(i, rule.phase)), m], [...rule.candidates.map(() => 1), -need], 0, Infinity);
    } else if (rule.kind === 'spacing') {
      if (rule.impossible || rule.windows.length === 0) return;
      const m = program.column(0, 1, true);
      indicator[q] = m;
      for (const w of rule.windows) program.row([...w.map((i) => builds.y(i, rule.phase)), m], [...w.map(() => 1), -1], 0, Infinity);
    } else {
      if (rule.impossible || rule.existing) return;
      const m = program.column(0, 1, true);
      indicator[q] = m;
      program.row([builds.y(rule.site, rule.phase), m], [1, -1], 0, Infinity);
    }
  });

  // Valid inequalities: the rules met in a phase fit in the money through it (cuts.ts).
  const rows = moneyRows(problem, sizing, rules, builds.fixedCapex);
  for (const row of rows) {
    const terms = row.terms.filter((term) => indicator[term.rule]! >= 0);
    const slack = roomOf(row);
    for (const term of terms) if (term.least > slack) program.upper[indicator[term.rule]!] = 0;
    if (terms.length > 1) program.row(terms.map((term) => indicator[term.rule]!), terms.map((term) => term.least), -Infinity, slack);
  }

  const mCols = indicator.filter((j) => j >= 0);
  const uCols = shortfall.filter((j) => j >= 0);
  const maxShortfall = uCols.reduce((sum, j) => sum + program.upper[j]!, 0);
  const weight = maxShortfall + 1;
  const figures = new Array<number>(program.cost.length).fill(0);
  mCols.forEach((j) => (figures[j] = -weight));
  uCols.forEach((j) => (figures[j] = 1));

  /** The program's solution of an assignment: its builds, indicators and least shortfalls. */
  const solutionOf = (assign: Assignment): number[] => {
    const x = builds.columnsOf(assign, new Array<number>(program.cost.length).fill(0));
    const met = allMet(ctx, assign);
    const covered = coveredBy(problem, assign);
    rules.forEach((rule, q) => {
      if (indicator[q]! >= 0) x[indicator[q]!] = met[q] ? 1 : 0;
      if (shortfall[q]! >= 0 && rule.kind === 'coverage') x[shortfall[q]!] = Math.max(0, rule.required - coveredCount(problem, rule, covered));
    });
    return x;
  };
  // Stage A (the rules) gets two thirds of this remedy's time, stage B (the cost) what is left of it.
  const until = Math.min(ctx.deadline, started + seconds * 1000);
  const secondsLeft = (share: number): number => Math.max(0.05, Math.min(seconds * share, (until - Date.now()) / 1000));

  // A: the most rules met, then the least shortfall, from the greedy plan, which keeps every budget;
  // no search when it reaches the bounds that need none (cuts.ts).
  const bounds = figuresBound(rules, rows);
  const reached = allMet(ctx, first).filter(Boolean).length >= bounds.rulesMet && shortfallOf(ctx, first) <= bounds.shortfall;
  const stageA: ProgramResult = reached
    ? { status: 'optimal', x: null, objective: null, bound: null }
    : solveProgram(highs, program, { cost: figures, timeLimitSeconds: secondsLeft(2 / 3), relGap: 0, absGap: 0.99, start: solutionOf(first) });
  const bestA = stageA.x ? builds.assignment(stageA.x) : first;
  const metA = allMet(ctx, bestA);
  const rulesMet = metA.filter(Boolean).length;
  const shortfallA = shortfallOf(ctx, bestA);
  const warnings: MessageDetail[] = [];
  const provenA = stageA.status === 'optimal';
  if (!provenA) warnings.push(msg('remedy.withinUnproven'));

  // B: those two figures kept, the least cost.
  const constantMet = rules.length - mCols.length - rules.filter((r) => r.impossible).length;
  program.row(mCols, mCols.map(() => 1), rulesMet - constantMet, Infinity);
  if (uCols.length > 0) program.row(uCols, uCols.map(() => 1), -Infinity, shortfallA);
  const stageB = solveProgram(highs, program, { timeLimitSeconds: secondsLeft(1), relGap: engineGap(ctx), absGap: 1e-6, start: solutionOf(bestA) });
  const bestB = stageB.x ? builds.assignment(stageB.x) : bestA;
  const bound = stageB.bound === null ? null : stageB.bound + builds.fixedCost;

  const { plan, assign } = remedyPlan(ctx, keepsFigures(ctx, bestB, rulesMet, shortfallA) ? bestB : bestA, (a) => ({ excused: unmetRules(ctx, a), budgets: problem.phases.map((p) => p.budget) }), {
    proven: provenA && stageB.status === 'optimal',
    bound,
    warnings,
    engine: 'highs-remedy',
    columns: program.cost.length,
    rows: program.rows.length,
    started,
  });
  const met = allMet(ctx, assign);
  const covered = coveredBy(problem, assign);
  const unmet = rules.flatMap((rule, q): UnmetRule[] => (met[q] ? [] : [unmetRule(ctx, rule, covered)]));
  return { rulesMet: met.filter(Boolean).length, rulesTotal: rules.length, shortfall: shortfallOf(ctx, assign), unmet, plan };
}

const unmetRules = (ctx: RemedyContext, assign: Assignment): Rule[] => {
  const met = allMet(ctx, assign);
  return ctx.rules.filter((_, q) => !met[q]);
};

/** Stage B's plan keeps stage A's figures (the engine's rows say so; this checks it on the plan itself). */
function keepsFigures(ctx: RemedyContext, assign: Assignment, rulesMet: number, shortfall: number): boolean {
  return allMet(ctx, assign).filter(Boolean).length >= rulesMet && shortfallOf(ctx, assign) <= shortfall;
}

function unmetRule(ctx: RemedyContext, rule: Rule, covered: ReturnType<typeof coveredBy>): UnmetRule {
  const ref = ruleRef(ctx.problem, rule);
  const impossible = rule.impossible ? { impossible: true as const } : {};
  if (rule.kind === 'coverage' && ref.rule === 'coverage') {
    return { ...ref, covered: coveredCount(ctx.problem, rule, covered), required: rule.required, ...impossible };
  }
  return { ...ref, ...impossible } as UnmetRule;
}
