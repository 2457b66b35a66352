/**
 * Reads while the local runtime solves (part of `npm run bench:load`).
 *
 * A small plan is stored and solved first; then `--readers` clients read it
 * (GET /v1/plans/{planId}) back to back for `--seconds`, once with nothing else
 * running and once while a generated `--sites` x `--phases` province solves in
 * the worker pool. Reported: read latency (p50, p95, max) of both runs, their
 * p95 ratio, errors and 5xx answers. Exit 1 on any error or 5xx.
 *
 *   npm run bench:load                                         # then this, 5,000 x 10, 200 readers, 30 s
 *   node --import tsx test/bench/read-load.ts --sites 1200 --phases 3 --readers 50 --seconds 10
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProvince } from '../../data/generate-lib.js';
import { startLocalServer } from '../../functions/local/server.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const sites = option('sites', 5_000);
const phases = option('phases', 10);
const readers = option('readers', 200);
const seconds = option('seconds', 30);
const FINAL = new Set(['optimal', 'feasible', 'infeasible', 'failed']);

process.env.LOG_LEVEL ??= 'warn';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const dataDir = mkdtempSync(join(tmpdir(), 'planner-reads-'));
const local = await startLocalServer({ port: 0, dataDir, jwtSecret: randomBytes(32).toString('hex'), print: () => {} });
const token = local.token(['province-SN', 'province-ZJ'], 'bench');
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function submit(body: unknown): Promise<string> {
  const response = await fetch(`${local.url}/v1/plans`, { method: 'POST', headers: { ...headers, 'idempotency-key': randomBytes(8).toString('hex') }, body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`submit answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { planId: string }).planId;
}
async function statusOf(planId: string): Promise<string> {
  const response = await fetch(`${local.url}/v1/plans/${planId}/versions/1`, { headers });
  return ((await response.json()) as { status: string }).status;
}

interface Run {
  latencies: number[];
  errors: number;
  serverErrors: number;
}

/** `readers` clients reading the small plan back to back until `stop()` says so. */
async function readFor(planId: string, stop: () => boolean): Promise<Run> {
  const run: Run = { latencies: [], errors: 0, serverErrors: 0 };
  await Promise.all(
    Array.from({ length: readers }, async () => {
      while (!stop()) {
        const started = performance.now();
        try {
          const response = await fetch(`${local.url}/v1/plans/${planId}`, { headers });
          await response.arrayBuffer();
          run.latencies.push(performance.now() - started);
          if (response.status >= 500) run.serverErrors += 1;
          else if (response.status !== 200) run.errors += 1;
        } catch {
          run.errors += 1;
        }
      }
    }),
  );
  return run;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

try {
  const small = await submit(generateProvince({ seed: 7, sites: 50, phases: 3, province: 'ZJ', budget: 'none' }));
  await local.queue.idle();

  const quietUntil = Date.now() + seconds * 1000;
  const quiet = await readFor(small, () => Date.now() >= quietUntil);

  const big = generateProvince({ seed: 11, sites, phases, province: 'SN', budget: 'none' });
  const bigId = await submit(big);
  while ((await statusOf(bigId)) === 'queued') await new Promise((done) => setTimeout(done, 50));
  let solving = true;
  const solveStarted = Date.now();
  const watcher = (async () => {
    while (solving) {
      if (FINAL.has(await statusOf(bigId))) solving = false;
      else await new Promise((done) => setTimeout(done, 200));
    }
  })();
  const busyUntil = Date.now() + seconds * 1000;
  const busy = await readFor(small, () => Date.now() >= busyUntil || !solving);
  const stillSolving = solving;
  await watcher;
  const bigStatus = await statusOf(bigId);

  console.log(`\nReads of one plan by ${readers} concurrent readers, ${seconds} s each run (${sites.toLocaleString('en-US')} x ${phases} solve in the worker pool during the second)\n`);
  console.log('| run | reads | p50 | p95 | max | errors | 5xx |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [name, run] of [['no solve', quiet], ['during the solve', busy]] as const) {
    console.log(`| ${name} | ${run.latencies.length} | ${ms(percentile(run.latencies, 50))} | ${ms(percentile(run.latencies, 95))} | ${ms(Math.max(...run.latencies))} | ${run.errors} | ${run.serverErrors} |`);
  }
  console.log(`\np95 during / without: ${(percentile(busy.latencies, 95) / percentile(quiet.latencies, 95)).toFixed(2)}x; the solve ${stillSolving ? 'was still running when the readers stopped' : 'ended during the run'}, and ended ${bigStatus} after ${((Date.now() - solveStarted) / 1000).toFixed(0)} s`);
  const failed = quiet.errors + quiet.serverErrors + busy.errors + busy.serverErrors;
  if (failed > 0) {
    console.error(`${failed} reads failed`);
    process.exitCode = 1;
  }
} finally {
  await local.close();
  rmSync(dataDir, { recursive: true, force: true });
}
