import { callerFrom } from './lib/auth.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord } from './use-cases/read.js';
import { reportProgress } from './use-cases/report-progress.js';

/**
 * POST /v1/plans/{planId}/progress: what the province has built (SPEC 6.2),
 * validated against the plan's latest data set revision. It stores the input
 * only; the next re-plan counts it.
 */
export const makeHandler = ({ repo, clock = systemClock }: { repo: PlanRepository; clock?: () => Date }) =>
  httpHandler('report-progress', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, true);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    const body = jsonBody(event);
    const { result, replayed } = await reportProgress({ repo, log, clock }, caller, plan, key, body);
    return json(201, result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
