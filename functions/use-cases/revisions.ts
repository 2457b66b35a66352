import type { Phase } from '../../solver/index.js';
import { PlanStateError, says } from '../lib/errors.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { PlanRecord, RevisionRecord } from '../lib/records.js';

/** What a revision keeps of the data set's phases: their ids and years, so a re-plan knows its closed phases. */
export const phaseYears = (phases: Phase[]) => phases.map(({ id, year }) => ({ id, year }));

/** The plan's latest revision, with a fallback for plans stored before revisions existed. */
export async function latestRevision(repo: PlanRepository, plan: PlanRecord): Promise<RevisionRecord> {
  const number = plan.latestRevision ?? 1;
  const stored = await repo.getRevision(plan.planId, number);
  if (stored !== undefined) return stored;
  const first = await repo.getVersion(plan.planId, 1);
  if (first === undefined) throw new PlanStateError(says('error.noDataset', { plan: plan.planId }));
  const dataset = await repo.loadDataset(plan.planId, first);
  return {
    planId: plan.planId, revision: 1, datasetHash: first.datasetHash, datasetParts: first.datasetParts,
    serviceAreas: first.serviceAreas, phases: phaseYears(dataset.phases), submittedBy: 'unknown', submittedAt: plan.createdAt,
  };
}
