/**
 * Where the time before the first plan goes: each file is solved in this process with
 * a time limit, and every progress event up to the first plan (and the end) is printed
 * with wall and CPU time since the solve's start (CPU time says more than wall time on
 * a busy machine). WebAssembly tiering is tuned as in the CLI.
 *   node --import tsx test/bench/first-plan.ts [--time-limit S] [--all] FILE.json...
 * `--all` prints every event, not only those up to the first plan.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tuneWasmTiering } from '../../functions/lib/wasm-tuning.js';
import { solvePlan, type Dataset } from '../../solver/index.js';

// As the CLI does.
tuneWasmTiering();

const args = process.argv.slice(2);
const at = args.indexOf('--time-limit');
const limit = at >= 0 ? Number(args[at + 1]) : 5;
const all = args.includes('--all');
const files = args.filter((a, i) => a !== '--time-limit' && a !== '--all' && (at < 0 || i !== at + 1));

for (const file of files) {
  const dataset = JSON.parse(readFileSync(file, 'utf8')) as Dataset;
  const cpu0 = process.cpuUsage();
  const wall0 = Date.now();
  const stamp = (): string => {
    const c = process.cpuUsage(cpu0);
    return `${((Date.now() - wall0) / 1000).toFixed(2)} s wall ${((c.user + c.system) / 1e6).toFixed(2)} s cpu`;
  };
  let first: string | null = null;
  const lines: string[] = [];
  const plan = await solvePlan(dataset, {
    timeLimitSeconds: limit,
    onProgress: (p) => {
      if (first && !all) return;
      const gap = p.incumbent != null && p.bound != null ? ((p.incumbent - p.bound) / Math.abs(p.incumbent)).toExponential(1) : '-';
      lines.push(`  ${stamp().padEnd(26)} ${p.stage.padEnd(8)} gap ${gap.padEnd(8)} ${p.message ?? ''}`);
      if (p.incumbent != null) first ??= stamp();
    },
  });
  const gap = plan.objective !== null && plan.bound !== null ? ((plan.objective - plan.bound) / Math.abs(plan.objective)).toExponential(1) : '-';
  console.log(`${basename(file)}: first plan ${first ?? 'none'}; end ${stamp()} ${plan.status} ${plan.stats.engine} gap ${gap}`);
  console.log(lines.join('\n'));
}
