import { callerFrom } from './lib/auth.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { queueFromEnv, repositoryFromEnv, type HandlerDeps } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord } from './use-cases/read.js';
import { createCurve } from './use-cases/what-if.js';

/**
 * POST /v1/plans/{planId}/curves `{vary, from, to, steps}` (SPEC 8): a trade-off
 * curve of the plan's latest data set, one queued solve per point (at most 21):
 * 202 `{curveId, points}`. Never makes a version. An Idempotency-Key makes a retry answer the same.
 */
export const makeHandler = ({ repo, queue, clock = systemClock }: HandlerDeps & { clock?: () => Date }) =>
  httpHandler('create-curve', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, false);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    const body = jsonBody(event);
    const { result, replayed } = await createCurve({ repo, queue, clock, log: log.child({ planId: plan.planId, province: plan.province }) }, caller, plan, key, body);
    const location = `/v1/plans/${plan.planId}/curves/${result.curveId}`;
    return json(202, { planId: plan.planId, ...result }, { Location: location, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv(), queue: queueFromEnv() }));
