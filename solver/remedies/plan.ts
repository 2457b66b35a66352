/**
 * A remedy's plan: the program's build phases put in the planner's normal form
 * (the same tie rule as every plan), assembled as a section-5 plan, and checked
 * by the plan checker (assemble.ts' evaluate) for the rules it claims to meet and
 * the budgets it claims to keep.
 */
import { assemblePlan, evaluate, type Assignment } from '../assemble.js';
import { msg, type MessageDetail } from '../messages.js';
import type { Model } from '../model.js';
import type { Problem } from '../normalize.js';
import { deferBuilds } from '../tiebreak.js';
import type { Plan, RegionCoverage, SiteSizing } from '../types.js';
import { coveredCount, ruleMet, type CoverageRule, type Covered, type Rule } from './rules.js';

/** What the remedies share: the problem, its sizing, the planner's model (for its fixed trajectories and coverage requirements). */
export interface RemedyContext {
  problem: Problem;
  sizing: SiteSizing[];
  model: Model;
  /** The problem's rules (listRules). */
  rules: Rule[];
  /** Epoch ms by which every remedy must be done. */
  deadline: number;
  /** The planner's optimality rule: a plan is optimal when its proven relative gap is at most this. */
  gap: number;
}

/** HiGHS' share of the optimality gap; the rest is margin for the plan checker's recomputed cost. */
export const engineGap = (ctx: RemedyContext): number => 0.9 * ctx.gap;

export const coveredBy = (problem: Problem, assign: Assignment): Covered => (i, t) => {
  const s = problem.sites[i]!;
  if (s.kind === 'existing') return true;
  if (s.kind === 'excluded') return false;
  const k = assign[i] ?? -1;
  return k >= 0 && k <= t;
};

/** What a remedy's plan claims: the rules it need not meet, and each phase's budget (raised by any extra). */
export interface Claims {
  excused: Rule[];
  /** Budget per phase index (undefined: no budget). */
  budgets: (number | undefined)[];
}

/**
 * Runs the plan checker on the problem as the remedy changed it: every rule but
 * the excused ones, every budget as claimed. A spacing rule is per corridor and
 * phase while the checker reads a phase's maxGapKm for all corridors at once, so a
 * phase with an excused spacing rule is checked again alone, on its other corridors.
 */
export function checkClaims(ctx: RemedyContext, assign: Assignment, claims: Claims): string[] {
  const { problem, sizing, model } = ctx;
  const excusedCoverage = new Set(claims.excused.flatMap((r) => (r.kind === 'coverage' ? [`${r.region}:${r.phase}`] : [])));
  const excusedRequired = new Set(claims.excused.flatMap((r) => (r.kind === 'required' ? [r.site] : [])));
  const excusedSpacing = claims.excused.filter((r) => r.kind === 'spacing');
  const gapPhases = new Set(excusedSpacing.map((r) => r.phase));
  const sites = problem.sites.map((s, i) => (excusedRequired.has(i) ? { ...s, requiredBy: -1 } : s));
  const required = model.required.map((row, ri) => row.map((v, t) => (excusedCoverage.has(`${ri}:${t}`) ? null : v)));
  const phases = problem.phases.map((p, t) => {
    const { budget: _budget, maxGapKm, ...rest } = p;
    const budget = claims.budgets[t];
    return { ...rest, ...(budget !== undefined ? { budget } : {}), ...(maxGapKm !== undefined && !gapPhases.has(t) ? { maxGapKm } : {}) };
  });
  const violations = evaluate({ ...problem, sites, phases }, sizing, { ...model, required }, assign).violations;
  for (const t of gapPhases) {
    const corridors = problem.corridors.filter((_, ci) => !excusedSpacing.some((r) => r.phase === t && r.corridor === ci));
    const alone = problem.phases.map((p, q) => ({ id: p.id, year: p.year, evShare: p.evShare, ...(q === t ? { maxGapKm: p.maxGapKm! } : {}) }));
    const nothingRequired = model.required.map((row) => row.map(() => null));
    violations.push(...evaluate({ ...problem, sites, phases: alone, corridors }, sizing, { ...model, required: nothingRequired }, assign).violations);
  }
  return violations;
}

export interface Proof {
  /** True when every stage of the remedy was proven (integers exactly, cost within the optimality gap). */
  proven: boolean;
  /** Proven lower bound of the discounted cost among plans with the remedy's earlier figures. */
  bound: number | null;
  warnings: MessageDetail[];
  engine: string;
  columns: number;
  rows: number;
  started: number;
}

/**
 * The section-5 plan of a remedy's assignment, after the planner's tie rule
 * (which never raises the cost, never moves spending over a budget, and keeps
 * every rule met); throws when the plan checker disagrees with the claims.
 */
export function remedyPlan(ctx: RemedyContext, input: Assignment, claimsOf: (assign: Assignment) => Claims, proof: Proof): { plan: Plan; assign: Assignment } {
  const { problem, sizing, model } = ctx;
  const before = allMet(ctx, input);
  const deferred = deferBuilds(problem, sizing, model, input);
  // The tie rule keeps every rule met; should it not, the engine's phases stand.
  const after = allMet(ctx, deferred);
  const assign = after.every((m, q) => m || !before[q]) ? deferred : input;
  const violations = checkClaims(ctx, assign, claimsOf(assign));
  if (violations.length > 0) throw new Error(`internal error: a remedy's plan breaks what it claims: ${violations.slice(0, 3).join('; ')}`);
  const objective = evaluate(problem, sizing, model, assign).objective;
  const gap = proof.bound === null ? null : objective === 0 ? 0 : (objective - proof.bound) / Math.abs(objective);
  const optimal = proof.proven && gap !== null && gap <= ctx.gap;
  const warnings = [...model.warnings, ...proof.warnings];
  if (!optimal && proof.proven) warnings.push(msg('search.stoppedAtLimit', { gapPercent: ((gap ?? 1) * 100).toFixed(4) }));
  const plan = assemblePlan(problem, sizing, model, assign, {
    status: optimal ? 'optimal' : 'feasible',
    bound: proof.bound,
    warnings,
    diagnosis: [],
    stats: { ms: Date.now() - proof.started, engine: proof.engine, columns: proof.columns, rows: proof.rows },
  });
  return { plan: { ...plan, phases: plan.phases.map((p) => ({ ...p, coverage: p.coverage.map(withMet) })) }, assign };
}

const withMet = (c: RegionCoverage): RegionCoverage => (c.required === null ? c : { ...c, met: c.covered >= c.required });

/** Met or not, rule by rule (listRules' order), for an assignment. */
export function allMet(ctx: RemedyContext, assign: Assignment): boolean[] {
  const covered = coveredBy(ctx.problem, assign);
  return ctx.rules.map((r) => ruleMet(ctx.problem, r, covered));
}

/** Σ over coverage rules of max(0, required - covered) (SPEC 7.1). */
export function shortfallOf(ctx: RemedyContext, assign: Assignment): number {
  const covered = coveredBy(ctx.problem, assign);
  return ctx.rules
    .filter((r): r is CoverageRule => r.kind === 'coverage')
    .reduce((sum, r) => sum + Math.max(0, r.required - coveredCount(ctx.problem, r, covered)), 0);
}
