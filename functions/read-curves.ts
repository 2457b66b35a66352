import { callerFrom, requireRead } from './lib/auth.js';
import { NotFoundError, says } from './lib/errors.js';
import { httpHandler, json } from './lib/http.js';
import { LIMITS } from './lib/limits.js';
import { planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { curvePathParam } from './lib/what-if-ids.js';
import { fromEnv } from './lib/wiring.js';
import { presentCurve, presentCurveHead } from './presenters/what-if.js';
import { loadPlanRecord } from './use-cases/read.js';

/**
 * GET /v1/plans/{planId}/curves: the plan's trade-off curves, oldest first;
 * GET /v1/plans/{planId}/curves/{curveId}: one curve of SPEC 8, its points in
 * value order, each filled in as it finishes (queued or solving until then).
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('read-curves', async (event) => {
    const caller = callerFrom(event);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    requireRead(caller, plan.province);
    const wanted = event.pathParameters?.curveId;
    if (wanted === undefined) {
      const curves = await repo.listCurves(plan.planId);
      return json(200, { planId: plan.planId, items: curves.map(presentCurveHead), remaining: Math.max(0, LIMITS.curvesPerPlan - curves.length) });
    }
    const found = await repo.getCurve(plan.planId, curvePathParam(wanted));
    if (found === undefined) throw new NotFoundError(says('error.noCurve', { plan: plan.planId, curve: wanted }));
    return json(200, presentCurve(found.curve, found.points));
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
