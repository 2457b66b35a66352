/**
 * Trade-off curves (SPEC section 8): a family of scenarios that vary one
 * number over a range, each point solved independently as a plan of its
 * changed data set. This module checks a curve, lists its points' values and
 * scenarios, and turns a solved plan into the curve's point. Solving the
 * points (in parallel, in any order) is the caller's: the figures depend only
 * on each point's value. Pure: no I/O.
 */
import { FieldReader, IssueList } from './json-fields.js';
import { wrapped } from './message-format.js';
import { issueOf } from './messages.js';
import { scenarioDataset, type Scenario, type ScenarioChanges } from './scenario.js';
import type { Dataset, Plan, PlanStatus, ValidationIssue } from './types.js';

export const CURVE_VARIES = ['budgetScale', 'evShareScale', 'target.priority', 'target.standard'] as const;
export type CurveVary = (typeof CURVE_VARIES)[number];

/** Points of a curve: at least 2, at most 21 (SPEC 8). */
export const CURVE_STEPS = { min: 2, max: 21 } as const;
/** A curve's own time limit for each infeasible point's remedies, seconds (default: the solver's, 30 s, as for a plan). */
export const CURVE_REMEDIES_LIMIT = { min: 1, max: 600 } as const;

/** The question a curve asks. */
export interface CurveRequest {
  vary: CurveVary;
  /** Value of the first point. */
  from: number;
  /** Value of the last point (may be below `from`: the points then run downwards). */
  to: number;
  /** Number of evenly spaced points, from `from` to `to` both included. */
  steps: number;
  /**
   * Time limit of each infeasible point's remedies (SPEC 7), seconds; when
   * absent the solver's default (30 s), as for a plan. A shorter limit answers a
   * curve sooner: an infeasible point's figures are then those of a best effort
   * found in that time (`feasible` remedies, not proven best).
   */
  remediesTimeLimitSeconds?: number;
}

/** One point of a curve (SPEC 8). For an infeasible point the figures are those of its best effort (SPEC 7.1). */
export interface CurvePoint {
  value: number;
  status: PlanStatus;
  /** Discounted total of the plan, or of the best-effort plan when infeasible; null when there is none. */
  objective: number | null;
  /** Total nominal spending, the sum of the phases' capex; null when there is no plan. */
  capex: number | null;
  /** Rules the plan meets (all of them for a feasible point); null when not known. */
  rulesMet: number | null;
  /** Rules of the problem (SPEC 7); null when not known. */
  rulesTotal: number | null;
  /** Service areas still missing over all coverage rules (0 for a feasible point); null when not known. */
  shortfall: number | null;
  /** Least extra money meeting every possible rule (SPEC 7.2); 0 for a feasible point; null when not known. */
  extraBudget: number | null;
}

export interface Curve extends CurveRequest {
  points: CurvePoint[];
}

/** A curve's point to solve: its value and the scenario whose plan it is. */
export interface CurvePointInput {
  value: number;
  scenario: Scenario;
}

export type CurveResult = { ok: true; curve: CurveRequest; points: CurvePointInput[] } | { ok: false; issues: ValidationIssue[] };

/** Significant digits a point's value keeps: 0.6 + 0.1 is 0.7, not 0.7000000000000001. */
const VALUE_DIGITS = 12;

/**
 * Checks a curve against a valid data set: the request's own fields, then the
 * scenarios of its two ends (the points between lie within their ranges), each
 * problem at `from` or `to`. Never throws.
 */
export function checkCurve(input: unknown, dataset: Dataset): CurveResult {
  const issues = new IssueList(50);
  new CurveChecker(issues).check(input);
  const listed = issues.result();
  if (listed.length > 0) return { ok: false, issues: listed };
  const curve = input as CurveRequest;
  const points = curveValues(curve).map((value) => ({ value, scenario: pointScenario(curve.vary, value, dataset) }));
  const endIssues: ValidationIssue[] = [];
  for (const [end, value] of [['from', curve.from], ['to', curve.to]] as const) {
    const checked = scenarioDataset(pointScenario(curve.vary, value, dataset), dataset);
    if (!checked.ok) for (const i of checked.issues) endIssues.push(issueOf(end, 'curve.pointProblem', wrapped(i, { pointValue: value, pointPath: i.path })));
  }
  if (curve.vary.startsWith('target.') && Object.keys(points[0]?.scenario.changes.targets ?? {}).length === 0) {
    endIssues.push(issueOf('vary', 'curve.noTarget', { class: curve.vary.slice('target.'.length) }));
  }
  return endIssues.length > 0 ? { ok: false, issues: endIssues } : { ok: true, curve, points };
}

/** The points' values, evenly spaced from `from` to `to`, each rounded to 12 significant digits. */
export function curveValues(curve: Pick<CurveRequest, 'from' | 'to' | 'steps'>): number[] {
  const { from, to, steps } = curve;
  return Array.from({ length: steps }, (_, i) => (i === steps - 1 ? to : Number((from + ((to - from) * i) / (steps - 1)).toPrecision(VALUE_DIGITS))));
}

/** The scenario of one point; for a target, every phase that states one for that class gets the value. */
export function pointScenario(vary: CurveVary, value: number, dataset: Dataset): Scenario {
  const changes: ScenarioChanges = {};
  if (vary === 'budgetScale') changes.budgetScale = value;
  else if (vary === 'evShareScale') changes.evShareScale = value;
  else {
    const cls = vary === 'target.priority' ? 'priority' : 'standard';
    changes.targets = Object.fromEntries(dataset.phases.filter((p) => p.targets?.[cls] !== undefined).map((p) => [p.id, { [cls]: value }]));
  }
  return { name: `${vary} ${value}`, changes };
}

/** SPEC 7's figures a point reads from an infeasible plan, by their field names (the remedies of `plan.remedies`). */
export interface PointRemedies {
  withinBudget?: { rulesMet: number; rulesTotal: number; shortfall: number; plan: Pick<Plan, 'objective' | 'phases'> } | { unavailable: string };
  extraBudget?: { total: number };
}

/**
 * A curve's point from its solved plan. A feasible plan meets all `rulesTotal`
 * rules (the count of SPEC 7's rules of the point's problem, null when not
 * known); an infeasible one reads its figures from `plan.remedies` (SPEC 7),
 * null where it has none; an unknown one has no figures.
 */
export function curvePoint(value: number, plan: Pick<Plan, 'status' | 'objective' | 'phases'> & { remedies?: PointRemedies }, rulesTotal: number | null): CurvePoint {
  if (plan.status === 'optimal' || plan.status === 'feasible') {
    return { value, status: plan.status, objective: plan.objective, capex: totalCapex(plan), rulesMet: rulesTotal, rulesTotal, shortfall: 0, extraBudget: 0 };
  }
  const none: CurvePoint = { value, status: plan.status, objective: null, capex: null, rulesMet: null, rulesTotal, shortfall: null, extraBudget: null };
  if (plan.status !== 'infeasible') return none;
  const within = plan.remedies?.withinBudget;
  const extraBudget = plan.remedies?.extraBudget?.total ?? null;
  if (!within || !('plan' in within)) return { ...none, extraBudget };
  return {
    value,
    status: plan.status,
    objective: within.plan.objective,
    capex: totalCapex(within.plan),
    rulesMet: within.rulesMet,
    rulesTotal: within.rulesTotal,
    shortfall: within.shortfall,
    extraBudget,
  };
}

/** A plan's total nominal spending (closed phases of a re-plan count what they reported). */
export function totalCapex(plan: Pick<Plan, 'phases'>): number {
  return plan.phases.reduce((sum, p) => sum + (p.capex ?? 0), 0);
}

/** The curve of SPEC 8 as CSV rows: one header, one row per point (written with the planner's CSV writer). */
export const CURVE_COLUMNS = ['value', 'status', 'objective', 'capex', 'rulesMet', 'rulesTotal', 'shortfall', 'extraBudget'] as const;

export function curveRows(curve: Curve): (string | number | null)[][] {
  return curve.points.map((p) => CURVE_COLUMNS.map((c) => p[c]));
}

class CurveChecker extends FieldReader {
  check(input: unknown): void {
    const top = this.object(input, '');
    if (!top) return;
    this.unknownKeys(top, '', ['vary', 'from', 'to', 'steps', 'remediesTimeLimitSeconds']);
    this.oneOf(top, '', 'vary', CURVE_VARIES, true);
    const from = this.number(top, '', 'from', {}, true);
    const to = this.number(top, '', 'to', {}, true);
    this.number(top, '', 'steps', { integer: true, min: CURVE_STEPS.min, max: CURVE_STEPS.max }, true);
    this.number(top, '', 'remediesTimeLimitSeconds', CURVE_REMEDIES_LIMIT, false);
    if (typeof from === 'number' && typeof to === 'number' && from === to) this.issues.add('to', 'field.mustDiffer', { other: 'from', value: from });
  }
}
