import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { apiClient } from './helpers/api.js';
import { tinyDataset } from './helpers/data.js';

/*
 * What-if jobs left by a stop: a local server whose pool solves nothing (no
 * worker) accepts a plan, a scenario and a curve, and stops with all of them
 * queued; a server started again on the same data folder queues them again
 * and solves every one. (A job left `solving` by a killed server is taken over
 * at once: unfinished.test.ts, as a version's is in restart.test.ts.)
 */
const dataDir = mkdtempSync(join(tmpdir(), 'planner-restart-what-if-'));
const servers: LocalServer[] = [];

afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(solveWorkers?: number): Promise<{ local: LocalServer; api: ReturnType<typeof apiClient> }> {
  process.env.LOG_LEVEL = 'silent';
  const local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {}, ...(solveWorkers === undefined ? {} : { solveWorkers }) });
  servers.push(local);
  return { local, api: apiClient(local) };
}

describe('what-if jobs left queued by a stop', () => {
  it('are solved by the server started again on the same data folder', async () => {
    const first = await start(0);
    const dataset = tinyDataset();
    const submitted = await first.api('POST', '/v1/plans', { as: dataset.province, body: dataset, headers: { 'idempotency-key': 'restart-what-if' } });
    const planId = submitted.json.planId as string;
    const scenario = await first.api('POST', `/v1/plans/${planId}/scenarios`, { as: dataset.province, body: { name: '电动车占比 +20%', changes: { evShareScale: 1.2 } } });
    const curve = await first.api('POST', `/v1/plans/${planId}/curves`, { as: dataset.province, body: { vary: 'evShareScale', from: 0.8, to: 1.2, steps: 3 } });
    const before = await first.api('GET', `/v1/plans/${planId}/curves/c1`, { as: dataset.province });
    const queuedScenario = await first.api('GET', `/v1/plans/${planId}/scenarios/s1`, { as: dataset.province });
    await first.local.close();
    servers.pop();

    const second = await start();
    await second.local.queue.idle();
    const [plan, solvedScenario, solvedCurve] = await Promise.all([
      second.api('GET', `/v1/plans/${planId}`, { as: dataset.province }),
      second.api('GET', `/v1/plans/${planId}/scenarios/s1`, { as: dataset.province }),
      second.api('GET', `/v1/plans/${planId}/curves/c1`, { as: dataset.province }),
    ]);

    expect([scenario.status, curve.status]).toEqual([202, 202]);
    expect(queuedScenario.json.status).toBe('queued');
    expect(before.json.pending).toBe(3);
    expect(plan.json.status).toBe('optimal');
    expect(solvedScenario.json.status).toBe('optimal');
    expect(solvedScenario.json.plan.sites.length).toBeGreaterThan(0);
    expect(solvedCurve.json.pending).toBe(0);
    expect((solvedCurve.json.points as { status: string }[]).map((point) => point.status)).toEqual(['optimal', 'optimal', 'optimal']);
  }, 120_000);
});
