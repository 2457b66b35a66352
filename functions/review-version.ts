import { callerFrom } from './lib/auth.js';
import { reviewVersion } from './lib/cycle.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { loadHeader, planIdParam, repositoryFromEnv, resolveVersion, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';

/**
 * POST /v1/plans/{planId}/versions/{version}/review: a reviewer approves a
 * version or requests changes (SPEC 6.6). A repeated decision replaces the
 * version's state and is kept in its history; an Idempotency-Key is accepted
 * and not needed.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('review-version', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    idempotencyKey(event, false);
    const header = await loadHeader(repo, planIdParam(event.pathParameters?.planId));
    const record = await resolveVersion(repo, header, event.pathParameters?.version, 'path.version');
    const body = jsonBody(event);
    const review = await reviewVersion({ repo, log }, caller, header, record, body);
    const fresh = (await repo.getPlan(header.planId)) ?? header;
    return json(200, { planId: header.planId, version: record.version, review, planOfRecord: fresh.planOfRecord ?? null });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
