import { validateDataset } from '../../solver/index.js';
import { requireWrite, type Caller } from '../lib/auth.js';
import { ConcurrentUpdateError, ValidationFailedError, says } from '../lib/errors.js';
import type { PlanRecord } from '../lib/records.js';
import type { StoreDeps } from './deps.js';
import { once, planWriteKeys } from './idempotency.js';
import { issueOf } from '../../solver/messages.js';
import { phaseYears } from './revisions.js';

export interface RevisionAccepted {
  planId: string;
  revision: number;
}

/** PUT /v1/plans/{planId}/dataset: stores a new revision of the plan's data set (SPEC 6.1); no new version. */
export async function reviseDataset(deps: StoreDeps, caller: Caller, plan: PlanRecord, key: string, body: unknown): Promise<{ result: RevisionAccepted; replayed: boolean }> {
  requireWrite(caller, plan.province);
  const checked = validateDataset(body);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'dataset');
  const dataset = checked.dataset;
  if (dataset.province !== plan.province) {
    throw new ValidationFailedError([issueOf('province', 'request.sameProvince', { province: plan.province, got: dataset.province })]);
  }
  const request = { key, body, now: deps.clock().toISOString(), newTarget: () => '' };
  return once(planWriteKeys(deps.repo, plan.planId, 'dataset', key), request, async () => {
    const ref = await deps.repo.putDataset(plan.planId, dataset);
    for (let attempt = 0; attempt < 20; attempt++) {
      // The pointer first, then the search: a concurrent retry with this key writes its revision before it
      // commits it, so once the pointer shows that commit the search is sure to find the revision.
      const current = (await deps.repo.getPlan(plan.planId))?.latestRevision ?? 1;
      const mine = await deps.repo.findRevisionByKey(plan.planId, key);
      if (mine !== undefined && mine.revision <= current) return { planId: plan.planId, revision: mine.revision };
      const added = await deps.repo.addRevision({
        planId: plan.planId, expectedLatest: current, ...ref, phases: phaseYears(dataset.phases),
        submittedBy: caller.subject, submittedAt: deps.clock().toISOString(), idemKey: key,
      });
      if (added !== undefined) {
        deps.log.info('data set revised', { planId: plan.planId, province: plan.province, revision: added.revision });
        return { planId: plan.planId, revision: added.revision };
      }
    }
    throw new ConcurrentUpdateError(says('error.revisionsBusy', { plan: plan.planId }));
  });
}
