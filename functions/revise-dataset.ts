import { callerFrom } from './lib/auth.js';
import { reviseDataset } from './lib/cycle.js';
import { datasetBody } from './lib/dataset-body.js';
import { httpHandler, idempotencyKey, json } from './lib/http.js';
import { loadHeader, planIdParam, repositoryFromEnv, type PlanRepository } from './lib/plans.js';
import { fromEnv } from './lib/wiring.js';

/**
 * PUT /v1/plans/{planId}/dataset: a new revision of the plan's data set (SPEC 6.1).
 * It stores the input only; the next re-plan solves from it. JSON or a workbook, as for POST /v1/plans.
 */
export const makeHandler = ({ repo }: { repo: PlanRepository }) =>
  httpHandler('revise-dataset', async (event, _context, { log }) => {
    const caller = callerFrom(event);
    const key = idempotencyKey(event, true);
    const header = await loadHeader(repo, planIdParam(event.pathParameters?.planId));
    const body = await datasetBody(event);
    const { result, replayed } = await reviseDataset({ repo, log }, caller, header, key, body);
    return json(201, result, replayed ? { 'Idempotent-Replayed': 'true' } : {});
  });

export const handler = fromEnv(() => makeHandler({ repo: repositoryFromEnv() }));
