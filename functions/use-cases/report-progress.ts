import { randomUUID } from 'node:crypto';
import { validateProgress } from '../../solver/index.js';
import { requireWrite, type Caller } from '../lib/auth.js';
import { ValidationFailedError } from '../lib/errors.js';
import type { PlanRecord } from '../lib/records.js';
import type { ReportAccepted } from '../presenters/shapes.js';
import type { StoreDeps } from './deps.js';
import { once, planWriteKeys } from './idempotency.js';
import { latestRevision } from './revisions.js';

/** POST /v1/plans/{planId}/progress: validates a report against the latest revision and stores it (SPEC 6.2); no new version. */
export async function reportProgress(deps: StoreDeps, caller: Caller, plan: PlanRecord, key: string, body: unknown): Promise<{ result: ReportAccepted; replayed: boolean }> {
  requireWrite(caller, plan.province);
  const revision = await latestRevision(deps.repo, plan);
  const dataset = await deps.repo.loadDataset(plan.planId, revision);
  const checked = validateProgress(body, dataset);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'progress');
  const report = checked.report;
  // Report ids sort by arrival, so a listing reads in the order reports came in.
  const newTarget = () => `${deps.clock().toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
  const request = { key, body, now: deps.clock().toISOString(), newTarget };
  return once(planWriteKeys(deps.repo, plan.planId, 'progress', key), request, async (reportId) => {
    const stored = await deps.repo.putReport({
      planId: plan.planId, reportId, asOf: report.asOf, receivedAt: deps.clock().toISOString(), receivedBy: caller.subject, report,
    });
    deps.log.info('progress reported', { planId: plan.planId, province: plan.province, reportId, asOf: report.asOf, sites: stored.sites });
    return { planId: plan.planId, reportId, asOf: stored.asOf, receivedAt: stored.receivedAt, sites: stored.sites };
  });
}
