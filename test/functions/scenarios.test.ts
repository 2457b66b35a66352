import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { LIMITS } from '../../functions/lib/limits.js';
import { countRules, curvePoint, replanPlan, type Dataset, type Plan } from '../../solver/index.js';
import { apiClient } from './helpers/api.js';
import { tinyDataset } from './helpers/data.js';

/*
 * Scenarios and trade-off curves through the API (SPEC 8), over HTTP on the
 * local server with its queue solving the jobs: each scenario and each curve
 * point is its own solve job, stored beside the plan and never a version.
 */

const BUDGETS: Record<string, number> = { '2023': 15_000_000, '2024': 5_000_000, '2025': 10_000_000 };
const budgeted = (): Dataset => {
  const dataset = tinyDataset();
  return { ...dataset, phases: dataset.phases.map((phase) => ({ ...phase, budget: BUDGETS[phase.id] })) };
};
/** The changed data set built here, by hand, not by the planner's scenario code. */
const scaledBudgets = (scale: number): Dataset => {
  const dataset = budgeted();
  return { ...dataset, phases: dataset.phases.map((phase) => ({ ...phase, budget: BUDGETS[phase.id]! * scale })) };
};
/** A plan without what differs between two runs of the same solve: the solve statistics (times), its remedies' too. */
const comparable = (plan: Plan): unknown => JSON.parse(JSON.stringify(plan, (key, value: unknown) => (key === 'stats' ? undefined : value)));

let local: LocalServer;
let api: ReturnType<typeof apiClient>;
let dataDir: string;
let planId: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'planner-scenarios-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {} });
  api = apiClient(local);
  const submitted = await api('POST', '/v1/plans', { as: 'GD', body: budgeted(), headers: { 'idempotency-key': 'scenarios-setup' } });
  planId = submitted.json.planId;
  await local.queue.idle();
}, 60_000);

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('scenarios', () => {
  it('refuses changes that make the data set invalid, by their JSON path, and stores nothing', async () => {
    const response = await api('POST', `/v1/plans/${planId}/scenarios`, {
      as: 'GD',
      body: { name: 'bad', changes: { budgetScale: -1, targets: { '2025': { priority: 1.5 } }, maxGapKm: { '2099': 80 } } },
    });
    const listed = await api('GET', `/v1/plans/${planId}/scenarios`, { as: 'GD' });

    expect(response.status).toBe(400);
    const paths = (response.json.error.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['changes.budgetScale', 'changes.targets["2025"].priority', 'changes.maxGapKm["2099"]']));
    expect(listed.json.items).toEqual([]);
  });

  it("solves a scenario in the background to the plan of its changed data set, without a version", async () => {
    const body = { name: '预算削减 50%', changes: { budgetScale: 0.5 } };
    const created = await api('POST', `/v1/plans/${planId}/scenarios`, { as: 'GD', body, headers: { 'idempotency-key': 'cut-half' } });
    const replay = await api('POST', `/v1/plans/${planId}/scenarios`, { as: 'GD', body, headers: { 'idempotency-key': 'cut-half' } });
    await local.queue.idle();
    const scenario = await api('GET', `/v1/plans/${planId}/scenarios/s1`, { as: 'GD' });
    const plan = await api('GET', `/v1/plans/${planId}`, { as: 'GD' });
    const versions = await api('GET', `/v1/plans/${planId}/versions`, { as: 'GD' });
    const expected = await replanPlan(scaledBudgets(0.5), {}, {});

    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({ scenarioId: 's1', status: 'queued' });
    expect(created.headers.get('location')).toBe(`/v1/plans/${planId}/scenarios/s1`);
    expect(replay.json.scenarioId).toBe('s1');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(scenario.json).toMatchObject({ scenarioId: 's1', name: body.name, changes: body.changes, asOf: null, createdBy: 'user-GD', dataRevision: 1 });
    expect(scenario.json.status).toBe(expected.status);
    expect(comparable(scenario.json.plan)).toEqual(comparable(expected));
    expect(scenario.json.figures).toEqual((({ value: _v, status: _s, ...figures }) => figures)(curvePoint(0, expected, countRules(scaledBudgets(0.5)).rulesTotal)));
    expect(plan.json.latestVersion).toBe(1);
    expect(versions.json.items).toHaveLength(1);
  }, 60_000);

  it('downloads a solved scenario in every format, and compares it with a version', async () => {
    const body = { name: 'more money', changes: { budgetScale: 1.5, costs: { perPile: 150_000 } } };
    const created = await api('POST', `/v1/plans/${planId}/scenarios`, { as: 'GD', body });
    await local.queue.idle();
    const id = created.json.scenarioId as string;

    const downloads = await Promise.all(['json', 'csv', 'geojson', 'xlsx'].map((format) => api('GET', `/v1/plans/${planId}/sites?format=${format}&scenario=${id}`, { as: 'reviewer' })));
    const diff = await api('GET', `/v1/plans/${planId}/diff?from=1&to=${id}`, { as: 'reviewer' });
    const both = await api('GET', `/v1/plans/${planId}/sites?version=1&scenario=${id}`, { as: 'GD' });

    expect(downloads.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(downloads[0]!.json).toMatchObject({ scenario: id, status: 'optimal' });
    expect(downloads[1]!.headers.get('content-disposition')).toContain(`-${id}.csv`);
    expect(diff.status).toBe(200);
    expect(diff.json).toMatchObject({ from: 1, to: id, inputsChanged: { dataRevision: false, scenario: { from: null, to: ['budgetScale 1.5', 'costs perPile 150000'] } } });
    expect(both.status).toBe(400);
  }, 60_000);

  it('answers 404 for a scenario the plan does not have, and 409 when asked to compare an unsolved one', async () => {
    const missing = await api('GET', `/v1/plans/${planId}/scenarios/s999`, { as: 'GD' });
    const malformed = await api('GET', `/v1/plans/${planId}/scenarios/x1`, { as: 'GD' });
    const badQuery = await api('GET', `/v1/plans/${planId}/diff?from=1&to=s`, { as: 'GD' });

    expect([missing.status, malformed.status, badQuery.status]).toEqual([404, 404, 400]);
  });
});

describe('trade-off curves', () => {
  it('solves each point as a separate plan, fills the curve in, and gives the same figures asked twice', async () => {
    const request = { vary: 'budgetScale', from: 0.5, to: 1.5, steps: 3 };
    const first = await api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: request, headers: { 'idempotency-key': 'curve-1' } });
    const second = await api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: request });
    const queued = await api('GET', `/v1/plans/${planId}/curves/${first.json.curveId}`, { as: 'GD' });
    await local.queue.idle();
    const a = await api('GET', `/v1/plans/${planId}/curves/${first.json.curveId}`, { as: 'reviewer' });
    const b = await api('GET', `/v1/plans/${planId}/curves/${second.json.curveId}`, { as: 'reviewer' });
    const expected = await Promise.all([0.5, 1, 1.5].map(async (scale) => curvePoint(scale, await replanPlan(scaledBudgets(scale), {}, {}), countRules(scaledBudgets(scale)).rulesTotal)));
    const point = await api('GET', `/v1/plans/${planId}/scenarios/${first.json.curveId}-3`, { as: 'GD' });
    const listed = await api('GET', `/v1/plans/${planId}/curves`, { as: 'GD' });
    const plan = await api('GET', `/v1/plans/${planId}`, { as: 'GD' });

    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ curveId: 'c1', points: ['c1-1', 'c1-2', 'c1-3'] });
    expect(queued.json.points.every((p: { status: string }) => p.status === 'queued' || p.status === 'solving' || p.status === 'optimal' || p.status === 'infeasible')).toBe(true);
    expect(a.json).toMatchObject({ curveId: 'c1', vary: 'budgetScale', from: 0.5, to: 1.5, steps: 3, pending: 0 });
    const figures = (curve: { points: Record<string, unknown>[] }) => curve.points.map(({ scenarioId: _id, ...rest }) => rest);
    expect(figures(a.json)).toEqual(expected);
    expect(figures(b.json)).toEqual(figures(a.json));
    expect(a.json.points[0].status).toBe('infeasible');
    expect(a.json.points[0].extraBudget).toBeGreaterThan(0);
    expect(point.json).toMatchObject({ scenarioId: 'c1-3', status: 'optimal', plan: { status: 'optimal' } });
    expect(listed.json.items.map((c: { curveId: string }) => c.curveId)).toEqual(['c1', 'c2']);
    expect(plan.json.latestVersion).toBe(1);
  }, 120_000);

  it("solves an infeasible point's remedies within the curve's own time limit, and refuses a bad limit by its path", async () => {
    const request = { vary: 'budgetScale', from: 0.5, to: 1.5, steps: 2, remediesTimeLimitSeconds: 2 };
    const created = await api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: request });
    const bad = await Promise.all([0, 601, '5'].map((limit) => api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: { ...request, remediesTimeLimitSeconds: limit } })));
    await local.queue.idle();
    const curve = await api('GET', `/v1/plans/${planId}/curves/${created.json.curveId}`, { as: 'GD' });
    const point = await api('GET', `/v1/plans/${planId}/scenarios/${created.json.curveId}-1`, { as: 'GD' });
    const expected = await replanPlan(scaledBudgets(0.5), {}, { remediesTimeLimitSeconds: 2 });

    expect(created.status).toBe(202);
    expect(curve.json).toMatchObject({ remediesTimeLimitSeconds: 2, pending: 0 });
    expect(point.json.status).toBe('infeasible');
    expect(comparable(point.json.plan)).toEqual(comparable(expected));
    for (const response of bad) {
      expect(response.status).toBe(400);
      expect(response.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['remediesTimeLimitSeconds']);
    }
  }, 120_000);

  it('refuses a curve of more than 21 points by its path', async () => {
    const response = await api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: { vary: 'budgetScale', from: 0.5, to: 1.5, steps: 22 } });

    expect(response.status).toBe(400);
    expect(response.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['steps']);
  });
});

describe('limits', () => {
  it(`keeps at most ${LIMITS.scenariosPerPlan} scenarios a plan and refuses one more with 409`, async () => {
    const submitted = await api('POST', '/v1/plans', { as: 'GD', body: budgeted(), headers: { 'idempotency-key': 'limits-plan' } });
    const id = submitted.json.planId as string;
    await local.queue.idle();
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.scenariosPerPlan + 1; i++) {
      statuses.push((await api('POST', `/v1/plans/${id}/scenarios`, { as: 'GD', body: { name: `s ${i}`, changes: {} } })).status);
    }
    const over = await api('POST', `/v1/plans/${id}/scenarios`, { as: 'GD', body: { name: 'one more', changes: {} } });
    await local.queue.idle();
    const listed = await api('GET', `/v1/plans/${id}/scenarios`, { as: 'GD' });

    expect(statuses.slice(0, LIMITS.scenariosPerPlan).every((status) => status === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(409);
    expect(over.json.error.message).toContain(`${LIMITS.scenariosPerPlan} scenarios`);
    expect(listed.json.items).toHaveLength(LIMITS.scenariosPerPlan);
    expect(listed.json.remaining).toBe(0);
  }, 120_000);
});
