import { callerFrom } from './lib/auth.js';
import { reportProgress } from './lib/cycle.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { loadHeader, planIdParam, repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';

/**
 * POST /v1/plans/{planId}/progress: what the province has built (SPEC 6.2),
 * validated against the plan's latest data set revision. It stores the input
 * only; the next re-plan counts it.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('report-progress', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, true);
    const header = await loadHeader(repo, planIdParam(event.pathParameters?.planId));
    const body = jsonBody(event);
    const { result, replayed } = await reportProgress({ repo, log }, caller, header, key, body);
    return json(201, result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
