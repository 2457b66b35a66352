import { callerFrom } from './lib/auth.js';
import { datasetBody } from './lib/dataset-body.js';
import { httpHandler, idempotencyKey, json } from './lib/http.js';
import { planIdParam } from './lib/params.js';
import { repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';
import { systemClock } from './use-cases/deps.js';
import { loadPlanRecord } from './use-cases/read.js';
import { reviseDataset } from './use-cases/revise-dataset.js';

/**
 * PUT /v1/plans/{planId}/dataset: a new revision of the plan's data set (SPEC 6.1).
 * It stores the input only; the next re-plan solves from it. JSON or a workbook, as for POST /v1/plans.
 */
export const makeHandler = ({ repo, clock = systemClock }: { repo: PlanRepository; clock?: () => Date }) =>
  httpHandler('revise-dataset', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, true);
    const plan = await loadPlanRecord(repo, planIdParam(event.pathParameters?.planId));
    const body = await datasetBody(event);
    const { result, replayed } = await reviseDataset({ repo, log, clock }, caller, plan, key, body);
    return json(201, result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
