/**
 * `npm run bench:load`: the whole country at once, on the local server.
 *
 * 31 provinces (200 to 1,200 service areas each, generated) submit their data
 * sets at the same moment while readers poll GET /v1/plans/{planId}; the run
 * waits until every plan has ended, then one scheduled tick re-plans all 31 as
 * of 15 January 2024 (closing phase 2023, so each gets a new version) and waits
 * for those too. It fails (exit 1) unless every plan and re-plan ends optimal
 * and no answer was a 5xx. Reported: throughput, latencies (p50, p95, max) of
 * submits and reads, peak memory of this process (server, solver, generator
 * and client together: the local runtime is one process) and the tick's time.
 *
 *   npm run bench:load                           # 31 provinces, 8 readers
 *   npm run bench:load -- --provinces 5 --readers 2
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateProvince } from '../../data/generate-lib.js';
import { PROVINCES } from '../../data/provinces.js';
import { startLocalServer } from '../../functions/local/server.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const provinceCount = option('provinces', 31);
const readerCount = option('readers', 8);
const pollMs = option('poll-ms', 50);

/** The 31 province-level divisions of the mainland, by their usual two-letter codes. */
const CODES = ['BJ', 'TJ', 'HE', 'SX', 'NM', 'LN', 'JL', 'HL', 'SH', 'JS', 'ZJ', 'AH', 'FJ', 'JX', 'SD', 'HA', 'HB', 'HN', 'GD', 'GX', 'HI', 'CQ', 'SC', 'GZ', 'YN', 'XZ', 'SN', 'GS', 'QH', 'NX', 'XJ'];
const FINAL = new Set(['optimal', 'feasible', 'infeasible', 'failed']);
/** A tick at 02:00 on 15 January 2024 in China: phase 2023 of every generated data set closes. */
const TICK = '2024-01-14T18:00:00.000Z';

process.env.LOG_LEVEL ??= 'warn';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

let peakRss = 0;
const sampleMemory = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleMemory, 100);

// Sizes spread evenly from 200 to 1,200; geography from the generator's presets in turn.
const datasets = Array.from({ length: provinceCount }, (_, index) => {
  const sites = provinceCount === 1 ? 200 : Math.round(200 + (index * 1000) / (provinceCount - 1));
  const preset = PROVINCES[index % PROVINCES.length]!.code;
  return { ...generateProvince({ seed: 100 + index, sites, phases: 3, province: preset, budget: 'none' }), province: CODES[index % CODES.length]! + (index >= CODES.length ? String(index) : '') };
});
const totalSites = datasets.reduce((sum, dataset) => sum + dataset.serviceAreas.length, 0);

const dataDir = mkdtempSync(join(tmpdir(), 'planner-load-'));
const local = await startLocalServer({ port: 0, dataDir, jwtSecret: randomBytes(32).toString('hex'), print: () => {} });
const reviewer = local.token(['reviewer'], 'bench-reader');

const latencies = { submit: [] as number[], read: [] as number[] };
const statuses = new Map<number, number>();
let serverErrors = 0;

async function timed(kind: keyof typeof latencies, url: string, init: RequestInit): Promise<{ status: number; body: any }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = (await response.json()) as unknown;
  latencies[kind].push(performance.now() - started);
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500) serverErrors++;
  return { status: response.status, body };
}

const status = new Map<string, string>();
const planIds: string[] = [];

// Readers poll the plans known so far, round robin, until every plan has ended.
let polling = true;
const readers = Array.from({ length: readerCount }, async (_, reader) => {
  for (let turn = reader; polling; turn += readerCount) {
    const planId = planIds[turn % Math.max(1, planIds.length)];
    if (planId !== undefined) {
      const { body } = await timed('read', `${local.url}/v1/plans/${planId}`, { headers: { authorization: `Bearer ${reviewer}` } });
      if (typeof body?.status === 'string') status.set(planId, body.status);
      if (planIds.length === datasets.length && planIds.every((id) => FINAL.has(status.get(id) ?? ''))) polling = false;
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
});

const started = performance.now();
const submits = await Promise.all(
  datasets.map((dataset) =>
    timed('submit', `${local.url}/v1/plans`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${local.token([`province-${dataset.province}`], `bench-${dataset.province}`)}`,
        'content-type': 'application/json',
        'idempotency-key': `load-${dataset.province}`,
      },
      body: JSON.stringify(dataset),
    }),
  ),
);
for (const { status: code, body } of submits) {
  if (code !== 202) throw new Error(`submission refused (${code}): ${JSON.stringify(body).slice(0, 300)}`);
  planIds.push(body.planId as string);
}
const submittedMs = performance.now() - started;
await Promise.all(readers);
const solvedMs = performance.now() - started;

// The national tick: one scheduled run over every province, then the re-plans it queued.
const tickStarted = performance.now();
const tick = await local.tick(TICK);
const tickMs = performance.now() - tickStarted;
await local.queue.idle();
const replannedMs = performance.now() - tickStarted;
const replans = await Promise.all(planIds.map((planId) => timed('read', `${local.url}/v1/plans/${planId}`, { headers: { authorization: `Bearer ${reviewer}` } })));

sampleMemory();
clearInterval(sampler);
const vmHwm = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) * 1024;
await local.close();
rmSync(dataDir, { recursive: true, force: true });

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const finals = planIds.map((id) => status.get(id));
const notOptimal = finals.filter((value) => value !== 'optimal').length;
const replanStatuses = replans.map(({ body }) => `${body.status}@v${body.latestVersion}`);
const replansNotOptimal = replans.filter(({ body }) => body.status !== 'optimal' || body.latestVersion !== 2).length;

console.log(`provinces ${provinceCount}, service areas ${totalSites} (${datasets[0]!.serviceAreas.length} to ${datasets.at(-1)!.serviceAreas.length}), 3 phases, ${readerCount} readers polling every ${pollMs} ms`);
console.log('');
console.log('| measure | value |');
console.log('|---|---|');
console.log(`| all ${provinceCount} submissions answered (202) | ${s(submittedMs)} |`);
console.log(`| every plan ended (${provinceCount - notOptimal} of ${provinceCount} optimal) | ${s(solvedMs)} |`);
console.log(`| throughput | ${(provinceCount / (solvedMs / 60_000)).toFixed(1)} plans/min, ${Math.round(totalSites / (solvedMs / 1000))} service areas/s, ${(latencies.read.length / (solvedMs / 1000)).toFixed(0)} reads/s served meanwhile |`);
console.log(`| submit latency p50 / p95 / max | ${ms(percentile(latencies.submit, 50))} / ${ms(percentile(latencies.submit, 95))} / ${ms(Math.max(...latencies.submit))} |`);
console.log(`| read latency p50 / p95 / max (${latencies.read.length} reads) | ${ms(percentile(latencies.read, 50))} / ${ms(percentile(latencies.read, 95))} / ${ms(Math.max(...latencies.read))} |`);
console.log(`| 5xx answers | ${serverErrors} of ${[...statuses.values()].reduce((a, b) => a + b, 0)} |`);
console.log(`| peak memory (one process: server, solver, client) | ${mb(Math.max(peakRss, vmHwm))} RSS |`);
console.log(`| national tick: versions made (${tick.new} new, ${tick.unchanged} unchanged, ${tick.busy} busy, ${tick.failed} failed) | ${s(tickMs)} |`);
console.log(`| national tick: every re-plan solved (${provinceCount - replansNotOptimal} of ${provinceCount} optimal) | ${s(replannedMs)} |`);

const problems = [
  ...(notOptimal > 0 ? [`${notOptimal} plans did not end optimal: ${JSON.stringify(finals)}`] : []),
  ...(replansNotOptimal > 0 ? [`${replansNotOptimal} re-plans did not end optimal as version 2: ${JSON.stringify(replanStatuses)}`] : []),
  ...(serverErrors > 0 ? [`${serverErrors} answers were 5xx: ${JSON.stringify([...statuses])}`] : []),
  ...(tick.new !== provinceCount ? [`the tick made ${tick.new} versions, not ${provinceCount}`] : []),
];
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
process.exit(0);
