/**
 * `npm run bench:report-api`: the report and the national overview through the
 * API of the real `npm start`. Submits data/large.json (1,200 sites) and a
 * 6-site plan for each of the other 30 provincial-level regions, then times
 * GET /v1/plans/{planId}/report.pdf (the first request, which reads the font and
 * loads PDFKit, and the median of five more) with its size, and GET /v1/overview
 * with 31 provinces (median of five).
 *
 *   npm run bench:report-api
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROVINCES } from '../../solver/glossary.js';
import { startAppServer } from '../web/helpers/app-server.js';
import { submit, submitAndSolve, tokenFor, waitForSolve } from '../web/helpers/seed.js';

const RUNS = 5;
const large = fileURLToPath(new URL('../../data/large.json', import.meta.url));
const tiny = JSON.parse(readFileSync(new URL('../functions/fixtures/tiny.json', import.meta.url), 'utf8')) as { province: string };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(url: string, authorization: string): Promise<{ ms: number; bytes: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization } });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes, status: response.status };
}

const server = await startAppServer();
try {
  const planId = await submitAndSolve(server, large);
  const folder = mkdtempSync(join(tmpdir(), 'planner-bench-'));
  const { province: largeProvince } = JSON.parse(readFileSync(large, 'utf8')) as { province: string };
  const others = PROVINCES.map(([code]) => code).filter((code) => code !== largeProvince);
  const submitted = await Promise.all(
    others.map((code) => {
      const file = join(folder, `${code}.json`);
      writeFileSync(file, JSON.stringify({ ...tiny, province: code }));
      return submit(server, file);
    }),
  );
  for (const { planId: id, authorization } of submitted) await waitForSolve(server, id, authorization);

  const reviewer = `Bearer ${tokenFor(server, 'reviewer')}`;
  const report = `${server.url}/v1/plans/${planId}/report.pdf`;
  const first = await timed(report, reviewer);
  if (first.status !== 200) throw new Error(`report answered ${first.status}`);
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) warm.push((await timed(report, reviewer)).ms);
  console.log(`report, 1,200 sites: first ${first.ms.toFixed(0)} ms, then median ${median(warm).toFixed(0)} ms (${Math.min(...warm).toFixed(0)}-${Math.max(...warm).toFixed(0)} ms), ${(first.bytes / 1024).toFixed(0)} KB`);

  const overview: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const answer = await timed(`${server.url}/v1/overview`, reviewer);
    if (answer.status !== 200) throw new Error(`overview answered ${answer.status}`);
    overview.push(answer.ms);
  }
  console.log(`overview, 31 provinces with plans: median ${median(overview).toFixed(0)} ms (${Math.min(...overview).toFixed(0)}-${Math.max(...overview).toFixed(0)} ms)`);
} finally {
  await server.stop();
}
