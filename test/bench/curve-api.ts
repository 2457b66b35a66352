/**
 * `npm run bench:curve-api`: a 9-point budget curve (budgetScale 0.6 to 1.4)
 * through the local API (SPEC 8): the local server on a fresh temporary data
 * folder, the province's plan submitted and solved first, then the time from
 * `POST /v1/plans/{planId}/curves` until `GET .../curves/c1` has no point
 * pending, and each point's status, its plan's solve time (stats.ms, the
 * remedies not included) and when it was done after the POST (remedies
 * included). `--remedies-limit N` asks the curve for N s of remedies per
 * infeasible point instead of the default 30 s.
 *
 *   npm run bench:curve-api -- data/medium.json data/large.json [--remedies-limit 5]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../../functions/local/server.js';
import { defaultPoolSize } from '../../functions/local/solve-pool.js';

process.env.LOG_LEVEL = 'silent';
const args = process.argv.slice(2);
const limitAt = args.indexOf('--remedies-limit');
const remediesLimit = limitAt < 0 ? undefined : Number(args[limitAt + 1]);
const files = args.filter((arg, index) => !arg.startsWith('--') && (limitAt < 0 || index !== limitAt + 1));
const curve = { vary: 'budgetScale', from: 0.6, to: 1.4, steps: 9, ...(remediesLimit === undefined ? {} : { remediesTimeLimitSeconds: remediesLimit }) };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const file of files.length > 0 ? files : ['data/medium.json', 'data/large.json']) {
  const dataDir = mkdtempSync(join(tmpdir(), 'planner-curve-bench-'));
  const local = await startLocalServer({ port: 0, dataDir, print: () => {} });
  try {
    const body = readFileSync(file, 'utf8');
    const { province, serviceAreas } = JSON.parse(body) as { province: string; serviceAreas: unknown[] };
    const authorization = `Bearer ${local.token([`province-${province}`], 'bench')}`;
    const call = async (method: string, path: string, payload?: string) => {
      const response = await fetch(`${local.url}${path}`, { method, headers: { authorization, 'content-type': 'application/json', 'idempotency-key': randomUUID() }, ...(payload === undefined ? {} : { body: payload }) });
      return (await response.json()) as Record<string, any>;
    };
    const submitted = performance.now();
    const { planId } = await call('POST', '/v1/plans', body);
    await local.queue.idle();
    console.log(`${file}: the plan itself solved in ${((performance.now() - submitted) / 1000).toFixed(1)} s`);
    const started = performance.now();
    const postedAt = Date.now();
    const accepted = await call('POST', `/v1/plans/${planId}/curves`, JSON.stringify(curve));
    let shown: Record<string, any>;
    let errors = 0;
    do {
      await sleep(50);
      shown = await call('GET', `/v1/plans/${planId}/curves/${accepted.curveId}`).catch((error: unknown) => ({ error }));
      // While a solve holds the local runtime's one thread, a read can time out (a 5xx, a reset connection): ask again.
      if (shown.error !== undefined) errors++;
    } while (shown.error !== undefined || shown.pending > 0);
    if (errors > 0) console.log(`${file}: ${errors} reads failed (5xx or a reset connection) while points were solving`);
    if (!Array.isArray(shown.points)) throw new Error(`No curve: ${JSON.stringify(accepted)} ${JSON.stringify(shown)}`);
    const seconds = (performance.now() - started) / 1000;
    const points = await Promise.all(
      (shown.points as { scenarioId: string; value: number; status: string; capex: number | null; extraBudget: number | null }[]).map(async (point) => {
        const detail = await call('GET', `/v1/plans/${planId}/scenarios/${point.scenarioId}`);
        const doneAfter = (Date.parse(detail.solvedAt) - postedAt) / 1000;
        return `${point.value} ${point.status} ${((detail.plan?.stats?.ms ?? 0) / 1000).toFixed(1)} s (done at ${doneAfter.toFixed(1)} s)`;
      }),
    );
    console.log(`${file} (${serviceAreas.length} sites, remedies limit ${remediesLimit ?? 30} s, ${defaultPoolSize()} solve workers): POST to last point ${seconds.toFixed(1)} s; points: ${points.join(', ')}`);
  } finally {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
