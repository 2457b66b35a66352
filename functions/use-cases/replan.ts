import { closedPhaseIds, isIsoDate, PLANNER_MODEL_VERSION, type Dataset } from '../../solver/index.js';
import { requireWrite, type Caller } from '../lib/auth.js';
import { ConcurrentUpdateError, PlanStateError, ValidationFailedError, says } from '../lib/errors.js';
import type { PlanRecord, VersionInputs, VersionRecord, VersionTrigger } from '../lib/records.js';
import type { Deps } from './deps.js';
import { enqueue } from './enqueue.js';
import { once, planWriteKeys } from './idempotency.js';
import { reportFor, sameInputs } from './inputs.js';
import { issueOf } from '../../solver/messages.js';
import { latestRevision } from './revisions.js';

export type ReplanOutcome = { created: true; version: VersionRecord } | { created: false; version: VersionRecord };

/**
 * A re-plan as of `asOf` (SPEC 6.3/6.4): a new queued version when any input
 * differs from the latest version's (data set revision, report counted, closed
 * phases, model version), else the latest version, unchanged. A latest version
 * that failed is re-planned even with equal inputs, so a failure can be retried.
 * Of concurrent callers one makes the version and the others see it unchanged.
 */
export async function requestReplan(
  deps: Deps,
  plan: PlanRecord,
  options: { asOf: string; trigger: Exclude<VersionTrigger, 'submit'>; tick?: string; idemKey?: string; requestedBy?: string },
): Promise<ReplanOutcome> {
  let current = plan;
  for (let attempt = 0; attempt < 3; attempt++) {
    const [revision, reports, latest] = await Promise.all([
      latestRevision(deps.repo, current),
      deps.repo.listReports(current.planId),
      deps.repo.getVersion(current.planId, current.latestVersion),
    ]);
    if (latest === undefined) throw new PlanStateError(says('error.versionNotFound', { plan: current.planId, version: current.latestVersion }));
    const report = reportFor(reports, options.asOf);
    const inputs: VersionInputs = {
      dataRevision: revision.revision,
      progressReportId: report?.reportId ?? null,
      progressAsOf: report?.asOf ?? null,
      closedPhases: closedPhaseIds({ phases: revision.phases } as Pick<Dataset, 'phases'> as Dataset, options.asOf),
      modelVersion: PLANNER_MODEL_VERSION,
    };
    // Made by an earlier attempt of this very request (its answer, or its enqueue, was lost): the same version again.
    if (options.idemKey !== undefined && latest.idemKey === options.idemKey) {
      if (latest.status === 'queued') await enqueue(deps.queue, { planId: latest.planId, version: latest.version });
      return { created: true, version: latest };
    }
    if (latest.status !== 'failed' && sameInputs(latest, inputs)) return { created: false, version: latest };
    try {
      const outcome = await deps.repo.addVersion({
        planId: current.planId,
        expectedLatest: current.latestVersion,
        trigger: options.trigger,
        tick: options.tick,
        ...(options.requestedBy === undefined ? {} : { requestedBy: options.requestedBy }),
        now: deps.clock().toISOString(),
        source: { dataset: revision, asOf: options.asOf, inputs, ...(options.idemKey === undefined ? {} : { idemKey: options.idemKey }) },
      });
      if ('skipped' in outcome) {
        const fresh = await deps.repo.getPlan(current.planId);
        const done = fresh === undefined ? undefined : await deps.repo.getVersion(current.planId, fresh.latestVersion);
        if (done === undefined) throw new PlanStateError(says('error.planVanished', { plan: current.planId }));
        return { created: false, version: done };
      }
      await enqueue(deps.queue, { planId: current.planId, version: outcome.version.version });
      deps.log.info('plan re-planned', { planId: current.planId, province: current.province, version: outcome.version.version, asOf: options.asOf, trigger: options.trigger });
      return { created: true, version: outcome.version };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
      // Someone else added a version meanwhile: look again; with the same inputs theirs serves.
      const fresh = await deps.repo.getPlan(current.planId);
      if (fresh === undefined) throw error;
      if (fresh.latestVersion === current.latestVersion) await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      current = fresh;
    }
  }
  throw new ConcurrentUpdateError(says('error.replanBusy', { plan: plan.planId }));
}

/** POST /v1/plans/{planId}/regenerate with an optional Idempotency-Key: a retried call never makes two versions. */
export async function regenerateByHand(
  deps: Deps,
  caller: Caller,
  plan: PlanRecord,
  rawBody: unknown,
  today: string,
  key: string | undefined,
): Promise<{ result: { planId: string; version: number; status: string; unchanged: boolean }; replayed: boolean }> {
  requireWrite(caller, plan.province);
  const body = parseRegenerateBody(rawBody, today);
  // The key is bound to the body as sent: a retry without a body on another day is the same request.
  const records = key === undefined ? undefined : planWriteKeys(deps.repo, plan.planId, 'regenerate', key);
  return once(records, { key, body: rawBody, now: deps.clock().toISOString(), newTarget: () => '' }, async () => {
    const outcome = await requestReplan(deps, plan, { asOf: body.asOf, trigger: 'regenerate', requestedBy: caller.subject, ...(key === undefined ? {} : { idemKey: key }) });
    return { planId: plan.planId, version: outcome.version.version, status: outcome.version.status, unchanged: !outcome.created };
  });
}

/** The body of a regenerate call: nothing, or `{ "asOf": "YYYY-MM-DD" }`. */
export function parseRegenerateBody(body: unknown, today: string): { asOf: string } {
  if (body === undefined || body === null) return { asOf: today };
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationFailedError([issueOf('', 'request.replanShape')]);
  const issues = Object.keys(body).filter((name) => name !== 'asOf').map((name) => issueOf(name, 'request.unknownField'));
  const asOf = (body as { asOf?: unknown }).asOf;
  if (asOf !== undefined && !isIsoDate(asOf)) issues.push(issueOf('asOf', 'field.notDate'));
  if (issues.length > 0) throw new ValidationFailedError(issues);
  return { asOf: typeof asOf === 'string' ? asOf : today };
}
