import { randomUUID } from 'node:crypto';
import { PLANNER_MODEL_VERSION, validateDataset, type Dataset } from '../../solver/index.js';
import { requireWrite, type Caller } from '../lib/auth.js';
import { ValidationFailedError } from '../lib/errors.js';
import type { Deps } from './deps.js';
import { enqueue } from './enqueue.js';
import { once, submissionKeys } from './idempotency.js';
import { phaseYears } from './revisions.js';

export interface Accepted {
  planId: string;
  version: number;
  status: string;
  replayed: boolean;
}

/**
 * POST /v1/plans: accepts a data set: validate fully, authorize on its
 * province, then store and enqueue. The Idempotency-Key is claimed with the
 * new plan's id before anything is stored, so a retry or a concurrent
 * duplicate with the same key completes the first submission rather than
 * making a second plan, and is answered from that plan as it is now.
 */
export async function submitPlan(deps: Deps, caller: Caller, idempotencyKey: string, body: unknown): Promise<Accepted> {
  const result = validateDataset(body);
  if (!result.ok) throw new ValidationFailedError(result.issues, 'dataset');
  const dataset = result.dataset;
  requireWrite(caller, dataset.province);
  const province = dataset.province;
  const log = deps.log.child({ province });
  const request = { key: idempotencyKey, body, now: deps.clock().toISOString(), newTarget: () => randomUUID() };
  const { result: accepted } = await once(submissionKeys(deps.repo, province, idempotencyKey), request, async (planId, earlier) => {
    // An earlier request claimed the key: its plan is the one, finished here if it was interrupted before its header.
    const existing = earlier ? await deps.repo.getPlan(planId) : undefined;
    const plan = existing ?? (await createPlan(deps, caller, planId, dataset));
    if (!earlier) {
      await enqueue(deps.queue, { planId, version: 1 });
      log.info('plan submitted', { planId, version: 1, serviceAreas: dataset.serviceAreas.length });
      return { planId, version: plan.latestVersion, status: plan.latestStatus, replayed: false };
    }
    const first = await deps.repo.getVersion(planId, 1);
    // Re-sending is harmless (the solve job takes a lease) and rescues a plan whose first enqueue failed.
    if (first?.status === 'queued') await enqueue(deps.queue, { planId, version: 1 });
    log.info('idempotent replay', { planId });
    return { planId, version: 1, status: first?.status ?? plan.latestStatus, replayed: true };
  });
  return accepted;
}

/** Stores the data set and creates the plan: revision 1 and version 1 with its phases, who sent it, the model that plans it. */
async function createPlan(deps: Deps, caller: Caller, planId: string, dataset: Dataset) {
  const ref = await deps.repo.putDataset(planId, dataset);
  return deps.repo.createPlan({
    planId, province: dataset.province, name: dataset.name, dataset: ref, now: deps.clock().toISOString(),
    phases: phaseYears(dataset.phases), submittedBy: caller.subject, modelVersion: PLANNER_MODEL_VERSION,
  });
}
