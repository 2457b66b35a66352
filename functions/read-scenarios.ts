import { callerFrom, requireRead } from './lib/auth.js';
import { httpHandler, json, query } from './lib/http.js';
import { LIMITS } from './lib/limits.js';
import { planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { whatIfPathParam } from './lib/what-if-ids.js';
import { fromEnv } from './lib/wiring.js';
import { presentScenario, presentScenarioDetail } from './presenters/what-if.js';
import { loadPlanRecord } from './use-cases/read.js';
import { loadWhatIf, whatIfPlan } from './use-cases/read-what-if.js';
import { whatIfProblem } from './use-cases/solve-what-if.js';

/**
 * GET /v1/plans/{planId}/scenarios: the plan's scenarios, oldest first (with
 * their figures once solved); GET /v1/plans/{planId}/scenarios/{scenarioId}:
 * one scenario (`s1`) or a curve's point (`c1-3`) with its plan once solved
 * (and with `include=dataset` the data set its changes make).
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('read-scenarios', async (event) => {
    const caller = callerFrom(event);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    requireRead(caller, plan.province);
    const wanted = event.pathParameters?.scenarioId;
    if (wanted === undefined) {
      const records = await repo.listScenarios(plan.planId);
      return json(200, { planId: plan.planId, items: records.map(presentScenario), remaining: Math.max(0, LIMITS.scenariosPerPlan - records.length) });
    }
    const record = await loadWhatIf(repo, plan, whatIfPathParam(wanted).id);
    // `include=dataset`: the data set its changes make, e.g. to adopt it as the plan's next revision.
    const [solved, problem] = await Promise.all([whatIfPlan(repo, record), query(event, 'include') === 'dataset' ? whatIfProblem(repo, record) : Promise.resolve(undefined)]);
    return json(200, { ...presentScenarioDetail(record, plan.province, solved), ...(problem === undefined ? {} : { dataset: problem.dataset }) });
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
