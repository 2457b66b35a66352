/**
 * npm run plan -- <dataset.json> [--out plan.json] [--csv sites.csv]
 *   [--geojson sites.geojson] [--time-limit SECONDS]
 *
 * Validates a data set, solves it with the same planner the API uses, prints a
 * summary to stdout and progress of long solves to stderr, and writes the
 * asked outputs all-or-nothing.
 *
 * Exit codes (docs/cli.md):
 *   0  plan found (optimal or feasible) and outputs written
 *   1  infeasible: the plan file (with its diagnosis) is written, no CSV/GeoJSON
 *   2  invalid input, unreadable file or bad arguments: nothing written
 *   3  unknown: stopped at the time limit before any plan; the plan file is written
 *   4  internal error (a bug): nothing written
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDataset, sitesToCsv, sitesToGeoJson, solvePlan } from '../../solver/index.js';
import type { SolveOptions, SolveProgress } from '../../solver/types.js';
import { parsePlanArgs, PLAN_USAGE, type PlanArgs } from './args.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { formatIssues, formatProgress, formatSummary } from './format.js';
import { writeFilesAtomically, type OutputFile } from './write.js';
import { tuneWasmTiering } from '../lib/wasm-tuning.js';

tuneWasmTiering();

/** Progress is for long solves: quiet for the first seconds, then at most a line a second. */
const PROGRESS_AFTER_MS = 2000;
const PROGRESS_EVERY_MS = 1000;

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function checkOutputs(args: PlanArgs): void {
  const input = resolve(args.dataset);
  const seen = new Map<string, string>();
  for (const key of ['out', 'csv', 'geojson'] as const) {
    const path = args[key];
    if (path === undefined) continue;
    const full = resolve(path);
    if (full === input) throw new UsageError(`--${key} ${path} would overwrite the data set`);
    const other = seen.get(full);
    if (other) throw new UsageError(`--${key} and --${other} name the same file ${path}`);
    seen.set(full, key);
    let folder;
    try {
      folder = statSync(dirname(full));
    } catch {
      throw new UsageError(`--${key} ${path}: folder ${dirname(path)} does not exist`);
    }
    if (!folder.isDirectory()) throw new UsageError(`--${key} ${path}: ${dirname(path)} is not a folder`);
    if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--${key} ${path} is a folder`);
  }
}

function progressPrinter(): (p: SolveProgress) => void {
  let last = -Infinity;
  return (p) => {
    if (p.elapsedMs < PROGRESS_AFTER_MS) return;
    if (p.stage !== 'done' && p.elapsedMs - last < PROGRESS_EVERY_MS) return;
    last = p.elapsedMs;
    process.stderr.write(formatProgress(p));
  };
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parsePlanArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${PLAN_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n${PLAN_USAGE}\n`);
    return EXIT.invalid;
  }
  const args = parsed.args;
  try {
    checkOutputs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${PLAN_USAGE}\n`);
    return EXIT.invalid;
  }

  let text: string;
  try {
    text = readFileSync(args.dataset, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    process.stderr.write(`cannot read ${args.dataset}: ${reason}\n${PLAN_USAGE}\n`);
    return EXIT.invalid;
  }
  const checked = parseDataset(text);
  if (!checked.ok) {
    process.stderr.write(formatIssues(args.dataset, checked.issues));
    return EXIT.invalid;
  }
  const dataset = checked.dataset;

  const options: SolveOptions = { onProgress: progressPrinter() };
  if (args.timeLimitSeconds !== undefined) options.timeLimitSeconds = args.timeLimitSeconds;
  const plan = await solvePlan(dataset, options);
  process.stdout.write(formatSummary(dataset, plan));

  const hasPlan = plan.status === 'optimal' || plan.status === 'feasible';
  const files: OutputFile[] = [];
  if (args.out !== undefined) files.push({ path: args.out, content: JSON.stringify(plan, null, 2) + '\n' });
  if (hasPlan) {
    if (args.csv !== undefined) files.push({ path: args.csv, content: sitesToCsv(dataset, plan) });
    if (args.geojson !== undefined) {
      files.push({ path: args.geojson, content: JSON.stringify(sitesToGeoJson(dataset, plan)) + '\n' });
    }
  } else if (args.csv !== undefined || args.geojson !== undefined) {
    process.stderr.write(`no site selection to export (${plan.status}): CSV/GeoJSON not written\n`);
  }
  writeFilesAtomically(files);
  for (const f of files) process.stderr.write(`wrote ${f.path}\n`);
  return exitCodeFor(plan.status);
}

run(process.argv.slice(2)).then(
  (code) => {
    // Exit at once: otherwise the process lingers while the engine's WebAssembly
    // is still being optimised in the background, long after the plan is written.
    // (stdout and stderr are synchronous for files and pipes, so nothing is lost.)
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(EXIT.internal);
  },
);
