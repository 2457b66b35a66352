import type { PlanDetail, PlanListItem, PlanSummaryView } from './shapes.js';
import type { Plan, Remedies } from '../../solver/index.js';
import { plainDetails } from '../../solver/messages.js';
import type { TargetsMatrix } from '../../solver/targets.js';
import { planLinks } from '../lib/http.js';
import type { PlanRecord, VersionRecord } from '../lib/records.js';
import type { RemediesSummaryView, RemedyPlanSummary } from './shapes.js';

/** A plan as a listing shows it: its identity, its latest version's status and review, its plan of record, its links. */
export function presentPlan(plan: PlanRecord): PlanListItem {
  return {
    planId: plan.planId,
    province: plan.province,
    name: plan.name,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    latestVersion: plan.latestVersion,
    status: plan.latestStatus,
    objective: plan.latestObjective ?? null,
    latestRevision: plan.latestRevision ?? 1,
    review: { state: plan.latestReviewState ?? 'none' },
    lastReviewed: plan.lastReviewed ?? null,
    planOfRecord: plan.planOfRecord ?? null,
    links: planLinks(plan.planId),
  };
}

/** The plan of record as a plan's page names it: which version, as of when, its status. */
export function presentPlanOfRecord(record: VersionRecord | undefined): PlanDetail['planOfRecord'] {
  return record === undefined ? null : { version: record.version, asOf: record.asOf ?? null, status: record.status };
}

/**
 * A solved (or, while solving, provisional) plan's figures without its sites (SPEC section 5),
 * and what a reader asks first: each phase's regions meeting their target, the targets matrix, the money.
 */
export function presentSummary(summary: Omit<Plan, 'sites'> & { provisional?: true }, targets?: TargetsMatrix): PlanSummaryView {
  return {
    objective: summary.objective,
    bound: summary.bound,
    gap: summary.gap,
    phases: summary.phases,
    warnings: summary.warnings,
    diagnosis: summary.diagnosis,
    // The same messages as codes and parameters (solver/messages.ts), in the same order, for a reader in another language.
    warningDetails: summary.warningDetails,
    diagnosisDetails: summary.diagnosisDetails,
    stats: summary.stats,
    ...cycleFields(summary),
    ...(targets === undefined ? {} : { targets }),
    ...(summary.remedies === undefined ? {} : { remedies: presentRemedies(summary.remedies) }),
    // While solving: the best plan so far, not yet proven (its gap says how far it may be from the optimum).
    ...('provisional' in summary ? { provisional: true } : {}),
  };
}

/** A re-plan's section-6 fields (SPEC 6.3), when the summary has them. */
function cycleFields(summary: { asOf?: string; dataRevision?: number | null; progressAsOf?: string | null; slipped?: string[] }) {
  if (summary.asOf === undefined) return {};
  return { asOf: summary.asOf, dataRevision: summary.dataRevision ?? null, progressAsOf: summary.progressAsOf ?? null, slipped: summary.slipped ?? [] };
}

/** An infeasible plan's remedies (SPEC 7) as its summary shows them: every figure, each remedy's plan without its sites. */
export function presentRemedies(remedies: Remedies): RemediesSummaryView {
  const withoutSites = ({ sites: _sites, remedies: _remedies, ...rest }: Plan): RemedyPlanSummary => rest;
  const within = remedies.withinBudget;
  return {
    withinBudget: 'plan' in within ? { ...within, plan: withoutSites(within.plan) } : { ...within, unavailableDetail: within.unavailableDetail ?? plainDetails([within.unavailable])[0]! },
    extraBudget: { ...remedies.extraBudget, plan: withoutSites(remedies.extraBudget.plan) },
    newSites: remedies.newSites,
  };
}
