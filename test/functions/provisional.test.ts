import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHandler as makeDownload } from '../../functions/download-sites.js';
import { makeHandler as makeGetPlan } from '../../functions/get-plan.js';
import { makeHandler as makeGetVersion } from '../../functions/get-version.js';
import type { PlanRepository } from '../../functions/lib/repository.js';
import { makeHandler as makeSolveJob } from '../../functions/solve-job.js';
import type { Dataset, Plan } from '../../solver/index.js';
import { freshRepository, httpEvent, lambdaContext, sqsEvent, type HttpHandler, type SqsHandler } from './helpers/lambda.js';

/*
 * A plan before its proof: while a solve runs, the version carries the best
 * plan so far, and the API shows it (marked provisional) on the plan, the
 * version and the sites download; once solved, the proven plan replaces it.
 * Real dynalite and the real solver on a budget-bound case whose search passes
 * on several plans; the solve job stores them at once (its thresholds set to 0).
 */
let stopStore: () => Promise<void>;
let repo: PlanRepository;
const dataset = JSON.parse(readFileSync(new URL('../bench/cases/even-budgets-300.json', import.meta.url), 'utf8')) as Dataset;

beforeAll(async () => {
  ({ repo, stop: stopStore } = await freshRepository('provisional'));
});

afterAll(async () => {
  await stopStore?.();
});

const context = () => lambdaContext(120_000);
const get = (route: string, pathParameters: Record<string, string>, query?: Record<string, string>) =>
  httpEvent({ method: 'GET', route, pathParameters, ...(query === undefined ? {} : { query }), groups: '[reviewer]' });

describe('the best plan so far', () => {
  it('is shown, marked provisional, while the solve runs, and replaced by the proven plan', async () => {
    const planId = randomUUID();
    const ref = await repo.putDataset(planId, dataset);
    await repo.createPlan({ planId, province: dataset.province, name: dataset.name, dataset: ref, now: new Date().toISOString() });
    const getPlan = makeGetPlan({ repo }) as unknown as HttpHandler;
    const getVersion = makeGetVersion({ repo }) as unknown as HttpHandler;
    const download = makeDownload({ repo }) as unknown as HttpHandler;
    const seen: { plan: any; version: any; sites: any }[] = [];
    // Each time a provisional plan is committed, read it back through the API as a client polling would.
    const watched: PlanRepository = {
      ...repo,
      recordProgress: async (input) => {
        await repo.recordProgress(input);
        if (input.provisional === undefined) return;
        const [plan, version, sites] = await Promise.all([
          getPlan(get('/v1/plans/{planId}', { planId }), context()),
          getVersion(get('/v1/plans/{planId}/versions/{version}', { planId, version: '1' }), context()),
          download(get('/v1/plans/{planId}/sites', { planId }, { format: 'json' }), context()),
        ]);
        seen.push({ plan: JSON.parse(plan.body!), version: JSON.parse(version.body!), sites: JSON.parse(sites.body!) });
      },
    };
    const solve = makeSolveJob({ repo: watched, provisional: { afterMs: 0, everyMs: 0 } }) as unknown as SqsHandler;

    await solve(sqsEvent({ planId, version: 1 }), context());
    const final = JSON.parse((await getVersion(get('/v1/plans/{planId}/versions/{version}', { planId, version: '1' }), context())).body!);
    const finalPlan = final.plan as Plan;

    expect(seen.length).toBeGreaterThan(0);
    for (const { plan, version, sites } of seen) {
      expect(plan.status).toBe('solving');
      expect(plan.summary.provisional).toBe(true);
      expect(plan.progress.best).toBeCloseTo(version.plan.objective, 2);
      expect(version.provisional).toBe(true);
      expect(version.plan.sites).toHaveLength(dataset.serviceAreas.length);
      // Never better than the proven optimum, and its stated gap is its distance from the bound it was found with.
      expect(version.plan.objective).toBeGreaterThanOrEqual(finalPlan.objective! * (1 - 1e-9));
      expect(['feasible', 'optimal']).toContain(version.plan.status);
      expect(sites.provisional).toBe(true);
      expect(sites.sites).toHaveLength(dataset.serviceAreas.length);
    }
    expect(final.status).toBe('optimal');
    expect(final.provisional).toBeUndefined();
    expect(finalPlan.gap).toBeLessThanOrEqual(1e-6);
  });
});
