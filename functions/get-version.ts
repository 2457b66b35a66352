import type { VersionDetail } from './presenters/shapes.js';
import { targetsMatrix } from '../solver/index.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { httpHandler, json } from './lib/http.js';
import { planIdParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { presentReview } from './presenters/review.js';
import { presentInputs, presentVersion } from './presenters/version.js';
import { loadPlanRecord, resolveVersion, versionPlan } from './use-cases/read.js';

/**
 * GET /v1/plans/{planId}/versions/{version} (a number or `record`): the version
 * record, its inputs (SPEC 6.4), its review, and once solved the full plan
 * (SPEC sections 5-6: closed phases, as-built sites, slipped sites).
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('get-version', async (event) => {
    const caller = callerFrom(event);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    requireRead(caller, plan.province);
    const record = await resolveVersion(repo, plan, versionParam(event.pathParameters?.version, 'path.version'));
    const [shown, dataset, reviews] = await Promise.all([
      versionPlan(repo, record),
      repo.loadDataset(plan.planId, record),
      repo.listReviews(plan.planId, record.version),
    ]);
    return json(200, {
      planId: plan.planId,
      province: plan.province,
      ...presentVersion(record),
      inputs: presentInputs(record),
      review: presentReview(reviews),
      planOfRecord: plan.planOfRecord === record.version,
      ...(shown === undefined ? {} : { plan: shown.plan, targets: targetsMatrix(dataset, shown.plan), ...(shown.provisional ? { provisional: true } : {}) }),
    } satisfies VersionDetail);
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
