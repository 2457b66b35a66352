import type { ProgressView } from './presenters/shapes.js';
import { callerFrom, requireRead } from './lib/auth.js';
import { NotFoundError, says } from './lib/errors.js';
import { httpHandler, json } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { loadPlanRecord } from './use-cases/read.js';

/** GET /v1/plans/{planId}/progress: the latest progress report to arrive, with who sent it and when. */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('get-progress', async (event) => {
    const caller = callerFrom(event);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    requireRead(caller, plan.province);
    const records = await repo.listReports(plan.planId);
    // Report ids sort by arrival.
    const latest = records.sort((a, b) => (a.reportId < b.reportId ? -1 : 1)).at(-1);
    if (latest === undefined) throw new NotFoundError(says('error.noProgress', { plan: plan.planId }));
    const report = await repo.loadReport(latest);
    return json(200, {
      planId: plan.planId,
      reportId: latest.reportId,
      receivedAt: latest.receivedAt,
      receivedBy: latest.receivedBy,
      reports: records.length,
      report,
    } satisfies ProgressView);
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
