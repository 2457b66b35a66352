import { chinaDate } from '../solver/index.js';
import { callerFrom } from './lib/auth.js';
import { httpHandler, idempotencyKey, json, optionalJsonBody, planLinks } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { queueFromEnv, repositoryFromEnv, type HandlerDeps } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord } from './use-cases/read.js';
import { regenerateByHand } from './use-cases/replan.js';

/**
 * POST /v1/plans/{planId}/regenerate [{ "asOf": "YYYY-MM-DD" }]: re-plans as of
 * a date (default today in China). 202 with a new version when an input changed
 * (SPEC 6.4), else 200 `unchanged`. An Idempotency-Key makes a retry answer the same.
 */
export const makeHandler = ({ repo, queue, clock = systemClock }: HandlerDeps & { clock?: () => Date }) =>
  httpHandler('regenerate-plan', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, false);
    const planId = planIdParam(event.pathParameters?.planId);
    const plan = await loadPlanRecord(repo, planId);
    const body = optionalJsonBody(event);
    const { result, replayed } = await regenerateByHand({ repo, queue, clock, log: log.child({ planId, province: plan.province }) }, caller, plan, body, chinaDate(clock()), key);
    const links = planLinks(planId);
    const replay: Record<string, string> = replayed ? { 'Idempotent-Replayed': 'true' } : {};
    if (result.unchanged) return json(200, { planId, version: result.version, unchanged: true, links }, replay);
    return json(202, { planId, version: result.version, status: result.status, links }, { Location: `${links.self}/versions/${result.version}`, ...replay });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv(), queue: queueFromEnv() }));
