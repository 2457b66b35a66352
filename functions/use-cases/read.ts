import type { Plan } from '../../solver/index.js';
import { NotFoundError, PlanNotFoundError, ValidationFailedError, says } from '../lib/errors.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { PlanRecord, VersionRecord } from '../lib/records.js';
import { issueOf } from '../../solver/messages.js';
import { SOLVED_STATUSES } from '../lib/rules.js';

/*
 * Reading a plan: its header, the version a request names, and the plan a
 * version shows. Every read route goes through these, so "not found" reads
 * the same everywhere.
 */

export async function loadPlanRecord(repo: PlanRepository, planId: string): Promise<PlanRecord> {
  const plan = await repo.getPlan(planId);
  if (plan === undefined) throw new PlanNotFoundError(planId);
  return plan;
}

/** The committed version asked for (latest when none), or 404. */
export async function loadVersion(repo: PlanRepository, plan: PlanRecord, version?: number): Promise<VersionRecord> {
  const wanted = version ?? plan.latestVersion;
  const record = wanted <= plan.latestVersion ? await repo.getVersion(plan.planId, wanted) : undefined;
  if (record === undefined) throw new PlanNotFoundError(plan.planId, wanted);
  return record;
}

/** The version a request names: a number, `record` (the plan of record, the latest approved version), or the latest. */
export async function resolveVersion(repo: PlanRepository, plan: PlanRecord, wanted: number | 'record' | undefined): Promise<VersionRecord> {
  if (wanted !== 'record') return loadVersion(repo, plan, wanted);
  const record = plan.planOfRecord ?? null;
  if (record === null) throw new NotFoundError(says('error.noPlanOfRecord', { plan: plan.planId }));
  return loadVersion(repo, plan, record);
}

/** A version's stored plan once solved (optimal, feasible or infeasible); undefined while it is queued, solving or failed. */
export async function solvedPlan(repo: PlanRepository, record: VersionRecord): Promise<Plan | undefined> {
  return SOLVED_STATUSES.has(record.status) ? repo.loadPlan(record) : undefined;
}

/**
 * The plan a version shows: its stored plan once solved, or, while it is still
 * solving, the best plan so far (`provisional`), or none.
 */
export async function versionPlan(repo: PlanRepository, record: VersionRecord): Promise<{ plan: Plan; provisional: boolean } | undefined> {
  const solved = await solvedPlan(repo, record);
  if (solved !== undefined) return { plan: solved, provisional: false };
  const provisional = await repo.loadProvisional(record);
  return provisional === undefined ? undefined : { plan: provisional, provisional: true };
}

/** The figures a version shows without its sites: its stored plan's once solved, else the best plan's so far (`provisional`), or none. */
export async function versionSummary(repo: PlanRepository, record: VersionRecord): Promise<(Omit<Plan, 'sites'> & { provisional?: true }) | undefined> {
  if (SOLVED_STATUSES.has(record.status)) return repo.loadSummary(record);
  const provisional = await repo.loadProvisional(record);
  return provisional === undefined ? undefined : { ...provisional, provisional: true as const };
}

/**
 * The plan of a version's remedy (SPEC 7): only an infeasible version has
 * remedies, and 7.1's may be unavailable. Otherwise a 400 naming `query.remedy`.
 */
export function remedyPlan(record: VersionRecord, plan: Plan | undefined, remedy: 'withinBudget' | 'extraBudget'): Plan {
  const refuse = (why: { status: string } | { reason: string }) =>
    new ValidationFailedError([issueOf('query.remedy', 'request.noRemedyPlan', { version: record.version, remedy, ...why })]);
  const remedies = plan?.remedies;
  if (record.status !== 'infeasible' || remedies === undefined) throw refuse({ status: record.status });
  const chosen = remedies[remedy];
  if (!('plan' in chosen)) throw refuse({ reason: chosen.unavailable });
  return chosen.plan;
}
