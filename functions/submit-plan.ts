import { callerFrom, requireSubmitter } from './lib/auth.js';
import { datasetBody } from './lib/dataset-body.js';
import { httpHandler, idempotencyKey, json, planLinks } from './lib/http.js';
import { queueFromEnv, repositoryFromEnv, type HandlerDeps } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { submitPlan } from './use-cases/submit.js';

/** POST /v1/plans: accept a data set (JSON or a workbook), store it with a queued plan, enqueue the solve. */
export const makeHandler = ({ repo, queue, clock = systemClock }: HandlerDeps & { clock?: () => Date }) =>
  httpHandler('submit-plan', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    requireSubmitter(caller);
    const key = idempotencyKey(event, true);
    const body = await datasetBody(event);
    const accepted = await submitPlan({ repo, queue, log, clock }, caller, key, body);
    const links = planLinks(accepted.planId);
    return json(
      202,
      { planId: accepted.planId, version: accepted.version, status: accepted.status, links },
      { Location: links.self, ...(accepted.replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
    );
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv(), queue: queueFromEnv() }));
