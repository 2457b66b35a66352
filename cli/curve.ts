/**
 * npm run curve -- <dataset.json|dataset.xlsx> --vary budgetScale --from 0.6 --to 1.4 --steps 9
 *   [--out curve.json] [--csv curve.csv] [--time-limit SECONDS] [--remedies-limit SECONDS]
 *
 * A trade-off curve (SPEC 8): one independent solve per point, each exactly as
 * `npm run plan` solves a plan (same planner, same default time limit;
 * --time-limit applies to each point, --remedies-limit to an infeasible point's
 * remedies, default 30 s as for a plan). Points are solved in parallel in worker
 * threads, a pool sized to the machine's cores, one point per job; each point
 * is printed as it is solved, and the curve is written in value order, so the
 * figures do not depend on the order points finish in.
 *
 * Exit codes (docs/cli.md): 0 curve written (whatever its points' statuses),
 * 2 invalid input or arguments (nothing written), 4 internal error.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { csvDocument } from '../solver/export.js';
import { checkCurve, curvePoint, CURVE_COLUMNS, curveRows, pointScenario, type Curve, type CurvePoint, type CurveRequest } from '../solver/curve.js';
import { countRules } from '../solver/remedies/index.js';
import { replanPlan } from '../solver/index.js';
import { applyChanges } from '../solver/scenario.js';
import type { Dataset, SolveOptions } from '../solver/types.js';
import { CURVE_OPTIONS, CURVE_USAGE, outputsOf, parseCurveArgs } from './args.js';
import { readDatasetFile } from './dataset-files.js';
import { EXIT, runCommand } from './exit-codes.js';
import { checkOutputs, InvalidFile, UsageError } from './files.js';
import { formatIssues, formatPoint } from './format.js';
import { writeFilesAtomically, type OutputFile } from './write.js';
import { tuneWasmTiering } from '../functions/lib/wasm-tuning.js';

tuneWasmTiering();

/** What every worker is given once. */
interface WorkerSetup {
  dataset: Dataset;
  vary: CurveRequest['vary'];
  timeLimitSeconds?: number;
  remediesTimeLimitSeconds?: number;
}

/** One job: the index of a point and its value. */
interface Job {
  index: number;
  value: number;
}

/** A solved point, with how it was solved (printed, not part of the curve). */
interface Solved {
  index: number;
  point: CurvePoint;
  ms: number;
  engine: string;
}

/** A worker: solves the points it is sent, one at a time, as `npm run plan` solves a plan. */
function serve(setup: WorkerSetup): void {
  const port = parentPort!;
  const options: SolveOptions = {
    ...(setup.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: setup.timeLimitSeconds }),
    ...(setup.remediesTimeLimitSeconds === undefined ? {} : { remediesTimeLimitSeconds: setup.remediesTimeLimitSeconds }),
  };
  // A failed solve rejects unhandled, which ends the worker with an 'error' the pool reports.
  port.on('message', async (job: Job) => {
    const started = Date.now();
    const changed = applyChanges(setup.dataset, pointScenario(setup.vary, job.value, setup.dataset).changes);
    const plan = await replanPlan(changed, {}, options);
    // The point's whole time: its plan and, when infeasible, its remedies (plan.stats.ms is the plan's alone).
    const solved: Solved = { index: job.index, point: curvePoint(job.value, plan, countRules(changed).rulesTotal), ms: Date.now() - started, engine: plan.stats.engine };
    port.postMessage(solved);
  });
}

/** Solves every point in a pool of worker threads; `onSolved` sees each as it finishes. Results by index. */
function solvePoints(setup: WorkerSetup, values: readonly number[], onSolved: (s: Solved) => void): Promise<Solved[]> {
  const size = Math.max(1, Math.min(values.length, availableParallelism()));
  const results: Solved[] = new Array(values.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const stop = (err?: unknown): void => {
      for (const w of workers) void w.terminate();
      if (err === undefined) resolve(results);
      else reject(err instanceof Error ? err : new Error(String(err)));
    };
    const give = (worker: Worker): void => {
      if (next >= values.length) return;
      const job: Job = { index: next, value: values[next]! };
      next += 1;
      worker.postMessage(job);
    };
    for (let i = 0; i < size; i += 1) {
      const worker = new Worker(new URL(import.meta.url), { workerData: setup });
      workers.push(worker);
      worker.on('message', (solved: Solved) => {
        results[solved.index] = solved;
        done += 1;
        onSolved(solved);
        if (done === values.length) stop();
        else give(worker);
      });
      worker.on('error', stop);
      worker.on('exit', (code) => {
        if (done < values.length && code !== 0) stop(new Error(`a curve worker stopped with code ${code}`));
      });
      give(worker);
    }
  });
}

async function run(argv: readonly string[]): Promise<number> {
  const parsed = parseCurveArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${CURVE_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n${CURVE_USAGE}\n`);
    return EXIT.invalid;
  }
  const args = parsed.args;
  const started = Date.now();
  const limit = args.remediesTimeLimitSeconds === undefined ? {} : { remediesTimeLimitSeconds: args.remediesTimeLimitSeconds };
  let dataset: Dataset;
  let request: CurveRequest;
  let values: number[];
  try {
    checkOutputs([{ name: 'data set', path: args.dataset }], outputsOf(CURVE_OPTIONS, args));
    const checked = await readDatasetFile(args.dataset);
    if (!checked.ok) throw new InvalidFile(formatIssues(args.dataset, checked.issues));
    dataset = checked.value;
    const curve = checkCurve({ vary: args.vary, from: args.from, to: args.to, steps: args.steps, ...limit }, dataset);
    if (!curve.ok) {
      const lines = curve.issues.map((i) => `--${i.path === 'remediesTimeLimitSeconds' ? 'remedies-limit' : i.path}: ${i.message}`);
      throw new UsageError(`invalid curve:\n  ${lines.join('\n  ')}`);
    }
    request = curve.curve;
    values = curve.points.map((p) => p.value);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${CURVE_USAGE}\n`);
      return EXIT.invalid;
    }
    if (err instanceof InvalidFile) {
      process.stderr.write(err.text);
      return EXIT.invalid;
    }
    throw err;
  }

  process.stdout.write(`${dataset.name} (${dataset.province}): ${dataset.serviceAreas.length} service areas; ${request.vary} from ${request.from} to ${request.to}, ${request.steps} points\n`);
  const setup: WorkerSetup = { dataset, vary: request.vary, ...(args.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: args.timeLimitSeconds }), ...limit };
  let solvedCount = 0;
  const solved = await solvePoints(setup, values, (s) => {
    solvedCount += 1;
    process.stdout.write(`${formatPoint(s.point, s.ms, s.engine)}\n`);
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${solvedCount} of ${values.length} points solved\n`);
  });
  const curve: Curve = { ...request, points: solved.map((s) => s.point) };

  process.stdout.write(`\nCurve (${dataset.currency}), by ${request.vary}:\n`);
  for (const s of solved) process.stdout.write(`${formatPoint(s.point, s.ms, s.engine)}\n`);
  const files: OutputFile[] = [];
  if (args.out !== undefined) files.push({ path: args.out, content: JSON.stringify(curve, null, 2) + '\n' });
  if (args.csv !== undefined) files.push({ path: args.csv, content: csvDocument(CURVE_COLUMNS, curveRows(curve)) });
  writeFilesAtomically(files);
  for (const f of files) process.stderr.write(`wrote ${f.path}\n`);
  return EXIT.ok;
}

if (isMainThread) runCommand(run);
else serve(workerData as WorkerSetup);
