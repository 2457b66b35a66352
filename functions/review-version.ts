import type { ReviewAnswer } from './presenters/shapes.js';
import { callerFrom } from './lib/auth.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { planIdParam, versionParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { presentReview } from './presenters/review.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord, resolveVersion } from './use-cases/read.js';
import { reviewVersion } from './use-cases/review.js';

/**
 * POST /v1/plans/{planId}/versions/{version}/review: a reviewer approves a
 * version or requests changes (SPEC 6.6). A repeated decision replaces the
 * version's state and is kept in its history; an Idempotency-Key is accepted
 * and not needed.
 */
export const makeHandler = ({ repo, clock = systemClock }: { repo: PlanRepository; clock?: () => Date }) =>
  httpHandler('review-version', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    idempotencyKey(event, false);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    const record = await resolveVersion(repo, plan, versionParam(event.pathParameters?.version, 'path.version'));
    const body = jsonBody(event);
    const history = await reviewVersion({ repo, log, clock }, caller, plan, record, body);
    const fresh = (await repo.getPlan(plan.planId)) ?? plan;
    return json(200, { planId: plan.planId, version: record.version, review: presentReview(history), planOfRecord: fresh.planOfRecord ?? null } satisfies ReviewAnswer);
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
