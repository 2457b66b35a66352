import { callerFrom } from './lib/auth.js';
import { httpHandler, idempotencyKey, json, jsonBody } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { queueFromEnv, repositoryFromEnv, type HandlerDeps } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord } from './use-cases/read.js';
import { createScenario } from './use-cases/what-if.js';

/**
 * POST /v1/plans/{planId}/scenarios `{name, changes, asOf?}` (SPEC 8): checks
 * the scenario against the plan's latest data set (problems by JSON path,
 * nothing stored), stores it and queues its solve: 202 `{scenarioId, status}`.
 * Never makes a version. An Idempotency-Key makes a retry answer the same.
 */
export const makeHandler = ({ repo, queue, clock = systemClock }: HandlerDeps & { clock?: () => Date }) =>
  httpHandler('create-scenario', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, false);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    const body = jsonBody(event);
    const { result, replayed } = await createScenario({ repo, queue, clock, log: log.child({ planId: plan.planId, province: plan.province }) }, caller, plan, key, body);
    const location = `/v1/plans/${plan.planId}/scenarios/${result.scenarioId}`;
    return json(202, { planId: plan.planId, ...result }, { Location: location, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv(), queue: queueFromEnv() }));
