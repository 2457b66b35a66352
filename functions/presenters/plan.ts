import type { Plan } from '../../solver/index.js';
import { planLinks } from '../lib/http.js';
import type { PlanRecord, VersionRecord } from '../lib/records.js';

/** A plan as a listing shows it: its identity, its latest version's status and review, its plan of record, its links. */
export function presentPlan(plan: PlanRecord) {
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
    planOfRecord: plan.planOfRecord ?? null,
    links: planLinks(plan.planId),
  };
}

/** The plan of record as a plan's page names it: which version, as of when, its status. */
export function presentPlanOfRecord(record: VersionRecord | undefined) {
  return record === undefined ? null : { version: record.version, asOf: record.asOf ?? null, status: record.status };
}

/** A solved (or, while solving, provisional) plan's figures without its sites (SPEC section 5). */
export function presentSummary(summary: Omit<Plan, 'sites'> & { provisional?: true }) {
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
    // While solving: the best plan so far, not yet proven (its gap says how far it may be from the optimum).
    ...('provisional' in summary ? { provisional: true } : {}),
  };
}

/** A re-plan's section-6 fields (SPEC 6.3), when the summary has them. */
function cycleFields(summary: { asOf?: string; dataRevision?: number | null; progressAsOf?: string | null; slipped?: string[] }) {
  if (summary.asOf === undefined) return {};
  return { asOf: summary.asOf, dataRevision: summary.dataRevision ?? null, progressAsOf: summary.progressAsOf ?? null, slipped: summary.slipped ?? [] };
}
