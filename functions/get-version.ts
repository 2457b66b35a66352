import { callerFrom, requireRead } from './lib/auth.js';
import { reviewView } from './lib/cycle.js';
import { httpHandler, json } from './lib/http.js';
import { loadHeader, planIdParam, presentInputs, presentVersion, repositoryFromEnv, resolveVersion, versionPlan, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';

/**
 * GET /v1/plans/{planId}/versions/{version} (a number or `record`): the version
 * record, its inputs (SPEC 6.4), its review, and once solved the full plan
 * (SPEC sections 5-6: closed phases, as-built sites, slipped sites).
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('get-version', async (event) => {
    const caller = callerFrom(event);
    const header = await loadHeader(repo, planIdParam(event.pathParameters?.planId));
    requireRead(caller, header.province);
    const record = await resolveVersion(repo, header, event.pathParameters?.version, 'path.version');
    const [shown, reviews] = await Promise.all([
      versionPlan(repo, record),
      repo.listReviews(header.planId, record.version),
    ]);
    return json(200, {
      planId: header.planId,
      province: header.province,
      ...presentVersion(record),
      inputs: presentInputs(record),
      review: reviewView(reviews),
      planOfRecord: header.planOfRecord === record.version,
      ...(shown === undefined ? {} : { plan: shown.plan, ...(shown.provisional ? { provisional: true } : {}) }),
    });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
