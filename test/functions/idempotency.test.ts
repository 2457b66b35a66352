import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolveJob } from '../../functions/lib/queue.js';
import type { PlanRepository } from '../../functions/lib/repository.js';
import { makeHandler as makeReportProgress } from '../../functions/report-progress.js';
import { makeHandler as makeSubmit } from '../../functions/submit-plan.js';
import { tinyDataset } from './helpers/data.js';
import { freshRepository, httpEvent, lambdaContext, storedPlanIds, type HttpHandler } from './helpers/lambda.js';
import type { DynamoServer } from './helpers/servers.js';

/*
 * Concurrent duplicates of one write (the same Idempotency-Key sent several
 * times at once, as a client that retries on a timeout does): every write goes
 * through the one idempotency helper, so all of them name the same result and
 * the table holds one of it.
 */

let server: DynamoServer;
let repo: PlanRepository;
let tableName: string;
const sent: SolveJob[] = [];
const queue = { send: async (job: SolveJob) => void sent.push(job) };

beforeAll(async () => {
  ({ repo, server, tableName } = await freshRepository('idempotency'));
});

afterAll(async () => {
  await server?.stop();
});

function post(route: string, body: unknown, key: string, pathParameters?: Record<string, string>) {
  return httpEvent({
    method: 'POST',
    route,
    body: body as object,
    headers: { 'idempotency-key': key },
    groups: '[province-ID]',
    subject: 'planner',
    ...(pathParameters === undefined ? {} : { pathParameters }),
  });
}

describe('the same write sent several times at once', () => {
  it('makes one plan of a submission, stores nothing under another plan id, enqueues it, and every answer names it', async () => {
    const submit = makeSubmit({ repo, queue }) as unknown as HttpHandler;
    const dataset = tinyDataset({ province: 'ID' });

    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(post('/v1/plans', dataset, 'same-submission'), lambdaContext())));
    const bodies = answers.map((answer) => JSON.parse(answer.body!) as { planId: string });
    const plans = (await repo.listPlans('ID', { limit: 10 })).items;

    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 202, 202, 202, 202]);
    expect(plans).toHaveLength(1);
    expect(new Set(bodies.map((body) => body.planId))).toEqual(new Set([plans[0]!.planId]));
    expect(answers.filter((answer) => answer.headers?.['Idempotent-Replayed'] === undefined)).toHaveLength(1);
    // Nothing stored under another plan id: the key is claimed before the data set is written.
    expect(await storedPlanIds(server.endpoint, tableName)).toEqual(new Set([plans[0]!.planId]));
    expect(sent.filter((job) => job.planId === plans[0]!.planId).length).toBeGreaterThanOrEqual(1);
  });

  it('stores one progress report, and a different body with the key is refused', async () => {
    const plan = (await repo.listPlans('ID', { limit: 1 })).items[0]!;
    const report = makeReportProgress({ repo }) as unknown as HttpHandler;
    const route = '/v1/plans/{planId}/progress';
    const progress = { asOf: '2026-01-15', sites: [] };

    const answers = await Promise.all(Array.from({ length: 4 }, () => report(post(route, progress, 'same-report', { planId: plan.planId }), lambdaContext())));
    const other = await report(post(route, { ...progress, asOf: '2026-01-16' }, 'same-report', { planId: plan.planId }), lambdaContext());
    const reports = await repo.listReports(plan.planId);

    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((answer) => (JSON.parse(answer.body!) as { reportId: string }).reportId))).toEqual(new Set([reports[0]!.reportId]));
    expect(reports).toHaveLength(1);
    expect(other.statusCode).toBe(422);
  });
});
