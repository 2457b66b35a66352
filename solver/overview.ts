/**
 * The national overview a reviewer reads first: one row per provincial-level
 * region (all 31, with or without a plan), from each province's newest plan:
 * its latest version and plan of record, status and review state, the coverage
 * of priority and standard regions at the final target phase against their
 * class targets, the nominal investment, and the slipped sites of the latest
 * re-plan. Pure: the caller reads the plans; this module only lays them out.
 */
import { PROVINCES } from './glossary.js';
import { targetsMatrix, type ClassAttainment } from './targets.js';
import type { Dataset, Plan, RegionClass } from './types.js';

export type OverviewStatus = 'queued' | 'solving' | 'optimal' | 'feasible' | 'infeasible' | 'failed';
export type OverviewReviewState = 'none' | 'approved' | 'changes-requested';

/** What the overview reads of a province's newest plan. */
export interface OverviewPlanFacts {
  planId: string;
  name: string;
  latestVersion: number;
  status: OverviewStatus;
  reviewState: OverviewReviewState;
  planOfRecord: number | null;
  updatedAt: string;
  /** The latest version's data set and plan, once it is solved. */
  solved?: { dataset: Dataset; plan: Omit<Plan, 'sites'> };
}

/** One class of regions at the final target phase, against its target. */
export interface OverviewClass {
  rate: number;
  target: number;
  met: boolean;
  /** Percentage points missing, 0 when met. */
  shortfallPoints: number;
  /** Service areas missing, 0 when met. */
  shortfallSites: number;
}

export interface OverviewRow {
  province: string;
  /** Full Chinese name (浙江省). */
  name: string;
  nameEn: string;
  /** Null when the province has no plan. */
  planId: string | null;
  planName: string | null;
  latestVersion: number | null;
  status: OverviewStatus | null;
  reviewState: OverviewReviewState | null;
  /** A solved latest version nobody has decided on yet. */
  waitingForReview: boolean;
  planOfRecord: number | null;
  updatedAt: string | null;
  /** The last phase with targets of the latest version's data set. */
  finalPhase: string | null;
  priority: OverviewClass | null;
  standard: OverviewClass | null;
  /** Every class with a target met at the final target phase; null without a solved plan. */
  targetsMet: boolean | null;
  /** Sum of the phases' spending (nominal), in the data set's currency. */
  nominal: number | null;
  currency: string | null;
  /** Sites the latest re-plan found slipped (planned in a closed phase, not reported); null for a plain plan. */
  slipped: number | null;
  progressAsOf: string | null;
}

const SOLVED = new Set<OverviewStatus>(['optimal', 'feasible', 'infeasible']);

function classFigure(classes: readonly ClassAttainment[], cls: RegionClass): OverviewClass | null {
  const found = classes.find((entry) => entry.class === cls);
  return found === undefined ? null : { rate: found.rate, target: found.target, met: found.met, shortfallPoints: found.shortfallPoints, shortfallSites: found.shortfallSites };
}

/** The row of one province; `facts` undefined when it has no plan. */
export function overviewRow(province: string, facts: OverviewPlanFacts | undefined): OverviewRow {
  const known = PROVINCES.find(([code]) => code === province);
  const base = { province, name: known?.[2] ?? province, nameEn: known?.[3] ?? province };
  if (facts === undefined) {
    return { ...base, planId: null, planName: null, latestVersion: null, status: null, reviewState: null, waitingForReview: false, planOfRecord: null, updatedAt: null, finalPhase: null, priority: null, standard: null, targetsMet: null, nominal: null, currency: null, slipped: null, progressAsOf: null };
  }
  const matrix = facts.solved === undefined ? undefined : targetsMatrix(facts.solved.dataset, facts.solved.plan);
  const priority = matrix === undefined ? null : classFigure(matrix.classes, 'priority');
  const standard = matrix === undefined ? null : classFigure(matrix.classes, 'standard');
  const plan = facts.solved?.plan;
  return {
    ...base,
    planId: facts.planId,
    planName: facts.name,
    latestVersion: facts.latestVersion,
    status: facts.status,
    reviewState: facts.reviewState,
    waitingForReview: SOLVED.has(facts.status) && facts.reviewState === 'none',
    planOfRecord: facts.planOfRecord,
    updatedAt: facts.updatedAt,
    finalPhase: matrix?.finalPhase ?? null,
    priority,
    standard,
    targetsMet: matrix === undefined || matrix.classes.length === 0 ? null : matrix.classes.every((entry) => entry.met),
    // An infeasible plan builds nothing: no investment figure.
    nominal: matrix === undefined || facts.status === 'infeasible' ? null : matrix.money.nominal,
    currency: facts.solved?.dataset.currency ?? null,
    slipped: plan?.asOf === undefined ? null : (plan.slipped ?? []).length,
    progressAsOf: plan?.progressAsOf ?? null,
  };
}

/** All 31 provinces, in the glossary's order; `plans` by province code. */
export function nationalOverview(plans: ReadonlyMap<string, OverviewPlanFacts>): OverviewRow[] {
  const rows = PROVINCES.map(([code]) => overviewRow(code, plans.get(code)));
  // A province outside the 31 (a test's code) still shows, after them.
  for (const [code, facts] of plans) if (!PROVINCES.some(([known]) => known === code)) rows.push(overviewRow(code, facts));
  return rows;
}
