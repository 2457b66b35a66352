import { randomUUID } from 'node:crypto';
import { applyChanges, countRules, curvePoint, replanPlan, type Dataset, type Plan, type ReplanInput } from '../../solver/index.js';
import { msg } from '../../solver/messages.js';
import { ConcurrentUpdateError, PoisonMessageError } from '../lib/errors.js';
import type { Logger } from '../lib/log.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { WhatIfJob } from '../lib/queue.js';
import type { WhatIfRecord } from '../lib/records.js';
import { FINAL_STATUSES } from '../lib/rules.js';
import { deadLease, solveTime, statusOf, type SolveDeps } from './solve.js';

/*
 * The solve job's use case for a what-if solve (SPEC 8): a scenario or one
 * point of a curve, each its own job, so a curve's points solve in parallel
 * (one Lambda invocation each in AWS). Solved as a version is (same planner,
 * same time limit, remedies when infeasible), stored beside the plan, never as
 * a version: the plan of record cannot change. Figures depend only on the
 * record, never on the order the jobs finish in.
 */

/** What a what-if record is solved from: its revision's data set with its changes, and for `asOf` the report it counts. */
export async function whatIfProblem(repo: PlanRepository, record: WhatIfRecord): Promise<{ dataset: Dataset; replan: ReplanInput }> {
  const dataset = applyChanges(await repo.loadDataset(record.planId, record), record.changes);
  if (record.asOf == null) return { dataset, replan: {} };
  const report = record.progressReportId == null ? undefined : await repo.getReport(record.planId, record.progressReportId);
  if (record.progressReportId != null && report === undefined) throw new PoisonMessageError(`Plan ${record.planId} ${record.id}: progress report ${record.progressReportId} is missing`);
  const progress = report === undefined ? null : await repo.loadReport(report);
  return { dataset, replan: { asOf: record.asOf, progress, dataRevision: record.dataRevision } };
}

export async function solveWhatIf(deps: SolveDeps, job: WhatIfJob, remainingTimeMs: () => number, log: Logger): Promise<void> {
  const { repo } = deps;
  const record = await repo.getWhatIf(job.planId, job.whatIf);
  if (record === undefined) throw new PoisonMessageError(`Plan ${job.planId} has no ${job.whatIf}`);
  if (FINAL_STATUSES.has(record.status)) {
    log.info('job already done, skipped', { status: record.status });
    return;
  }
  const { remainingMs, limitSeconds } = solveTime(deps, remainingTimeMs);
  const leaseId = randomUUID();
  const now = () => deps.clock().toISOString();
  // As a version's: a lease whose holder is known dead (a stopped local server) is taken over at once.
  const takeOver = deadLease(deps, record);
  const leaseUntil = deps.clock().getTime() + remainingMs;
  const lease = await repo.startWhatIf({ planId: job.planId, id: job.whatIf, leaseId, leaseUntil, now: now(), holder: deps.instanceId, ...(takeOver === undefined ? {} : { takeOver }) });
  if (lease === undefined) {
    log.info('another delivery holds or finished this job, skipped');
    return;
  }
  if (takeOver !== undefined) log.warn('lease of a dead solver taken over', { holder: record.leaseHolder });
  const owned = { planId: job.planId, id: job.whatIf, leaseId };
  try {
    const { dataset, replan } = await whatIfProblem(repo, lease);
    let plan: Plan;
    try {
      plan = await replanPlan(dataset, replan, {
        timeLimitSeconds: limitSeconds,
        // A curve may ask for shorter remedies (SPEC 7) than a plan's default, to answer sooner.
        ...(lease.remediesTimeLimitSeconds === undefined ? {} : { remediesTimeLimitSeconds: lease.remediesTimeLimitSeconds }),
        ...(deps.locateHighsFile === undefined ? {} : { locateHighsFile: deps.locateHighsFile }),
      });
    } catch (error) {
      log.error('solver failed', { error });
      await repo.endWhatIf({ ...owned, status: 'failed', failure: msg('failure.solverFailed'), now: now() });
      return;
    }
    const { status, failure } = statusOf(plan, limitSeconds);
    const { value: _value, status: _status, ...figures } = curvePoint(lease.value ?? 0, plan, countRules(dataset).rulesTotal);
    const stored = await repo.storeWhatIfResult({ ...owned, plan, status, figures, ...(failure === undefined ? {} : { failure }), now: now() });
    if (!stored) throw new ConcurrentUpdateError(`Plan ${job.planId} ${job.whatIf}: lease lost`);
    log.info('what-if plan stored', { whatIf: job.whatIf, status, objective: plan.objective, ms: plan.stats.ms, engine: plan.stats.engine });
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) {
      log.warn('lease lost, result dropped', { error });
      return;
    }
    await repo.endWhatIf({ ...owned, status: 'queued', now: now() }).catch((releaseError: unknown) => log.warn('lease not released', { error: releaseError }));
    throw error;
  }
}
