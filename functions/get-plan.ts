import type { PlanDetail } from './presenters/shapes.js';
import { targetsMatrix } from '../solver/index.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { httpHandler, json, query } from './lib/http.js';
import { intParam, planIdParam, VERSION_RANGE } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { presentPlan, presentPlanOfRecord, presentSummary } from './presenters/plan.js';
import { presentReview } from './presenters/review.js';
import { presentVersion } from './presenters/version.js';
import { loadPlanRecord, loadVersion, versionSummary } from './use-cases/read.js';

/** GET /v1/plans/{planId}[?version=N]: status and, once solved, the plan summary (SPEC section 5). */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('get-plan', async (event) => {
    const caller = callerFrom(event);
    const planId = planIdParam(event.pathParameters?.planId);
    const version = intParam(query(event, 'version'), 'version', VERSION_RANGE);
    const plan = await loadPlanRecord(repo, planId);
    requireRead(caller, plan.province);
    const record = await loadVersion(repo, plan, version);
    const [summary, reviews, recordVersion] = await Promise.all([
      versionSummary(repo, record),
      repo.listReviews(planId, record.version),
      plan.planOfRecord == null ? Promise.resolve(undefined) : repo.getVersion(planId, plan.planOfRecord),
    ]);
    return json(200, {
      ...presentPlan(plan),
      ...presentVersion(record),
      review: presentReview(reviews),
      planOfRecord: presentPlanOfRecord(recordVersion),
      ...(summary === undefined ? {} : { summary: presentSummary(summary, targetsMatrix(await repo.loadDataset(planId, record), summary)) }),
    } satisfies PlanDetail);
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
