import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { ROUTES } from '../../functions/routes.js';
import { apiClient } from './helpers/api.js';
import { tinyDataset } from './helpers/data.js';

/*
 * Every route against every kind of caller, over HTTP on the local server:
 * a user of the plan's own province, a user of another province, a reviewer,
 * and no token at all.
 */
type Caller = 'own' | 'other' | 'reviewer' | 'none';
const CALLERS: Caller[] = ['own', 'other', 'reviewer', 'none'];
const asRole: Record<Caller, string | undefined> = { own: 'GD', other: 'ZJ', reviewer: 'reviewer', none: undefined };

let local: LocalServer;
let api: ReturnType<typeof apiClient>;
let dataDir: string;
let planId: string;
let requestCount = 0;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'planner-authz-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {} });
  api = apiClient(local);
  const submitted = await api('POST', '/v1/plans', { as: 'GD', body: tinyDataset(), headers: { 'idempotency-key': 'authz-setup' } });
  planId = submitted.json.planId;
  await local.queue.idle();
  // A scenario (s1) and a curve (c1) to read.
  await api('POST', `/v1/plans/${planId}/scenarios`, { as: 'GD', body: { name: 'authz', changes: {} } });
  await api('POST', `/v1/plans/${planId}/curves`, { as: 'GD', body: CURVE });
  await local.queue.idle();
});

const CURVE = { vary: 'evShareScale', from: 0.8, to: 1.2, steps: 2 };

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Case {
  route: string;
  request: () => { method: string; path: string; body?: unknown; headers?: Record<string, string> };
  expected: Record<Caller, number>;
}

const readable = { own: 200, other: 403, reviewer: 200, none: 401 };
const writable = { own: 202, other: 403, reviewer: 403, none: 401 };

const CASES: Case[] = [
  { route: 'GET /health', request: () => ({ method: 'GET', path: '/health' }), expected: { own: 200, other: 200, reviewer: 200, none: 200 } },
  {
    route: 'POST /v1/plans',
    // A GD data set: only GD users may submit it.
    request: () => ({ method: 'POST', path: '/v1/plans', body: tinyDataset(), headers: { 'idempotency-key': `authz-${++requestCount}` } }),
    expected: writable,
  },
  { route: 'GET /v1/plans', request: () => ({ method: 'GET', path: '/v1/plans?province=GD' }), expected: readable },
  { route: 'GET /v1/plans/{planId}', request: () => ({ method: 'GET', path: `/v1/plans/${planId}` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/versions', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/versions` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/sites', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/sites?format=csv` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/report.pdf', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/report.pdf` }), expected: readable },
  { route: 'POST /v1/plans/{planId}/regenerate', request: () => ({ method: 'POST', path: `/v1/plans/${planId}/regenerate` }), expected: writable },
  {
    route: 'PUT /v1/plans/{planId}/dataset',
    request: () => ({ method: 'PUT', path: `/v1/plans/${planId}/dataset`, body: tinyDataset({ name: `revision ${++requestCount}` }), headers: { 'idempotency-key': `authz-${requestCount}` } }),
    expected: { ...writable, own: 201 },
  },
  {
    route: 'POST /v1/plans/{planId}/progress',
    request: () => ({ method: 'POST', path: `/v1/plans/${planId}/progress`, body: { asOf: '2023-12-31', sites: [] }, headers: { 'idempotency-key': `authz-${++requestCount}` } }),
    expected: { ...writable, own: 201 },
  },
  { route: 'GET /v1/plans/{planId}/progress', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/progress` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/versions/{version}', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/versions/1` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/diff', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/diff?from=1&to=1` }), expected: readable },
  {
    route: 'POST /v1/plans/{planId}/versions/{version}/review',
    request: () => ({ method: 'POST', path: `/v1/plans/${planId}/versions/1/review`, body: { decision: 'approve', comment: 'ok' } }),
    // Only reviewers review; the plan's own province sees decisions but cannot make them.
    expected: { own: 403, other: 403, reviewer: 200, none: 401 },
  },
  // The national overview is the reviewers' alone.
  { route: 'GET /v1/overview', request: () => ({ method: 'GET', path: '/v1/overview' }), expected: { own: 403, other: 403, reviewer: 200, none: 401 } },
  {
    route: 'POST /v1/plans/{planId}/scenarios',
    request: () => ({ method: 'POST', path: `/v1/plans/${planId}/scenarios`, body: { name: `scenario ${++requestCount}`, changes: { evShareScale: 1.1 } } }),
    expected: writable,
  },
  { route: 'GET /v1/plans/{planId}/scenarios', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/scenarios` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/scenarios/{scenarioId}', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/scenarios/s1` }), expected: readable },
  { route: 'POST /v1/plans/{planId}/curves', request: () => ({ method: 'POST', path: `/v1/plans/${planId}/curves`, body: CURVE }), expected: writable },
  { route: 'GET /v1/plans/{planId}/curves', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/curves` }), expected: readable },
  { route: 'GET /v1/plans/{planId}/curves/{curveId}', request: () => ({ method: 'GET', path: `/v1/plans/${planId}/curves/c1` }), expected: readable },
  // The template holds no province's data: any signed-in caller may fetch it.
  { route: 'GET /v1/templates/dataset.xlsx', request: () => ({ method: 'GET', path: '/v1/templates/dataset.xlsx' }), expected: { own: 200, other: 200, reviewer: 200, none: 401 } },
];

describe('access to every route', () => {
  it('covers every route of the router', () => {
    expect(CASES.map((c) => c.route).sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  describe.each(CASES)('$route', (testCase) => {
    it.each(CALLERS)('answers %s callers as the policy says', async (caller) => {
      const { method, path, body, headers } = testCase.request();

      const response = await api(method, path, { as: asRole[caller], body, headers });
      // A regeneration must finish solving before the next one, or the next caller races it (409).
      await local.queue.idle();

      expect(response.status).toBe(testCase.expected[caller]);
      if (response.status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });
  });

  it("tells another province's user 403 for a plan that exists and 404 for one that does not (docs/api.md, who may do what)", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const reads = ['', '/versions', '/sites?format=csv', '/report.pdf', '/progress', '/versions/1', '/diff?from=1&to=1', '/scenarios', '/scenarios/s1', '/curves', '/curves/c1', '/sites?scenario=s1', '/diff?from=1&to=s1', '/report.pdf?scenarios=s1'];

    const existing = await Promise.all(reads.map((tail) => api('GET', `/v1/plans/${planId}${tail}`, { as: 'ZJ' })));
    const unknown = await Promise.all(reads.map((tail) => api('GET', `/v1/plans/${missing}${tail}`, { as: 'ZJ' })));

    expect(existing.map((response) => response.status)).toEqual(reads.map(() => 403));
    expect(unknown.map((response) => response.status)).toEqual(reads.map(() => 404));
  });

  it('forbids submitting a data set of another province, even to a user with a province', async () => {
    const response = await api('POST', '/v1/plans', { as: 'ZJ', body: tinyDataset(), headers: { 'idempotency-key': 'cross-province' } });
    const listed = await api('GET', '/v1/plans?province=ZJ', { as: 'ZJ' });

    expect(response.status).toBe(403);
    expect(listed.json.items).toHaveLength(0);
    // The message as data beside its English (docs/api.md, "Message codes"): the web app says it in Chinese.
    expect(response.json.error).toEqual({
      code: 'forbidden',
      message: 'You may not submit or change plans of province GD',
      messageCode: 'error.writeForbidden',
      params: { province: 'GD' },
    });
  });

  it('lets a province user list without naming the province, and shows a reviewer every province', async () => {
    const own = await api('GET', '/v1/plans', { as: 'GD' });
    const reviewer = await api('GET', '/v1/plans', { as: 'reviewer' });
    const paging = await api('GET', '/v1/plans?cursor=abc', { as: 'reviewer' });

    expect(own.status).toBe(200);
    expect(own.json.province).toBe('GD');
    expect(reviewer.status).toBe(200);
    expect(reviewer.json.provinces).toContain('GD');
    expect(reviewer.json.items.map((item: { planId: string }) => item.planId)).toContain(planId);
    // Paging goes province by province: a cursor needs its province.
    expect(paging.status).toBe(400);
    expect(paging.json.error.issues[0].path).toBe('query.province');
  });
});
