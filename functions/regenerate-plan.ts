import { callerFrom, requireWrite } from './lib/auth.js';
import { httpHandler, json, planLinks } from './lib/http.js';
import { loadHeader, planIdParam, queueFromEnv, regeneratePlan, repositoryFromEnv } from './lib/plans.js';

const repo = repositoryFromEnv();
const queue = queueFromEnv();

/**
 * POST /v1/plans/{planId}/regenerate: a new version from the plan's latest
 * data set. Of concurrent calls exactly one gets the version; the others 409.
 */
export const handler = httpHandler('regenerate-plan', async (event, _context, { log }) => {
  const caller = callerFrom(event);
  const planId = planIdParam(event.pathParameters?.planId);
  const header = await loadHeader(repo, planId);
  requireWrite(caller, header.province);
  const version = await regeneratePlan({ repo, queue, log: log.child({ planId, province: header.province }) }, header, { trigger: 'regenerate' });
  // Without a tick addVersion never skips; the guard keeps the types honest.
  const number = version?.version ?? header.latestVersion;
  const links = planLinks(planId);
  return json(
    202,
    { planId, version: number, status: version?.status ?? header.latestStatus, links },
    { Location: `${links.self}?version=${number}` },
  );
});
