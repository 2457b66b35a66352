/**
 * npm run plan -- <dataset.json|dataset.xlsx> [--scenario scenario.json] [--progress report.json] [--as-of YYYY-MM-DD]
 *   [--previous plan.json] [--out plan.json] [--csv sites.csv]
 *   [--geojson sites.geojson] [--xlsx plan.xlsx] [--time-limit SECONDS]
 *
 * Validates a data set (and a progress report, a previous plan), solves it
 * with the same planner the API uses (a re-plan as of --as-of, SPEC 6.3),
 * prints a summary to stdout and progress of long solves to stderr, and writes
 * the asked outputs all-or-nothing.
 *
 * Exit codes (docs/cli.md):
 *   0  plan found (optimal or feasible) and outputs written
 *   1  infeasible: the plan file (with its diagnosis) is written, no CSV/GeoJSON/XLSX
 *   2  invalid input, unreadable file or bad arguments: nothing written
 *   3  unknown: stopped at the time limit before any plan; the plan file is written
 *   4  internal error (a bug): nothing written
 */
import { planToWorkbook } from '../solver/formats/index.js';
import { replanPlan, sitesToCsv, sitesToGeoJson, validateProgress } from '../solver/index.js';
import { describeChanges, scenarioDataset, type Scenario } from '../solver/scenario.js';
import type { Dataset, Plan, ProgressReport, SolveOptions, SolveProgress, ValidationIssue } from '../solver/types.js';
import { inputsOf, needsAsOf, outputsOf, parsePlanArgs, PLAN_OPTIONS, PLAN_USAGE, type PlanArgs } from './args.js';
import { EXIT, exitCodeFor, runCommand } from './exit-codes.js';
import { readDatasetFile } from './dataset-files.js';
import { checkOutputs, InvalidFile, parseJson, readText, UsageError } from './files.js';
import { formatIssues, formatProgress, formatSummary } from './format.js';
import { checkPlanFile } from './plan-file.js';
import { formatRemedies } from './remedies.js';
import { writeFilesAtomically, type OutputFile } from './write.js';
import { tuneWasmTiering } from '../functions/lib/wasm-tuning.js';

tuneWasmTiering();

/** Progress is for long solves: quiet for the first seconds, then at most a line a second. */
const PROGRESS_AFTER_MS = 2000;
const PROGRESS_EVERY_MS = 1000;

/** The data set with the scenario's changes and the run's as-of date (the scenario's, or --as-of; both must agree). */
function withScenario(args: PlanArgs, dataset: Dataset): { dataset: Dataset; scenario: Scenario | null; asOf: string | undefined } {
  if (args.scenario === undefined) return { dataset, scenario: null, asOf: args.asOf };
  const checked = readChecked(args.scenario, 'scenario', (v) => {
    const r = scenarioDataset(v, dataset);
    return r.ok ? { ok: true, value: r } : r;
  });
  const { scenario } = checked;
  if (scenario.asOf !== undefined && args.asOf !== undefined && scenario.asOf !== args.asOf) {
    throw new UsageError(`--as-of ${args.asOf} differs from the scenario's asOf ${scenario.asOf}: give one of them`);
  }
  const asOf = scenario.asOf ?? args.asOf;
  const missing = needsAsOf(args, asOf);
  if (missing !== null) throw new UsageError(missing);
  return { dataset: checked.dataset, scenario, asOf };
}

function progressPrinter(): (p: SolveProgress) => void {
  let last = -Infinity;
  let firstShown = false;
  return (p) => {
    // The first plan of a search is shown at once, with its gap: an answer before the proof.
    if (!firstShown && p.stage !== 'done' && p.incumbent !== undefined && p.incumbent !== null) {
      firstShown = true;
      last = p.elapsedMs;
      process.stderr.write(formatProgress({ ...p, message: 'first plan' }));
      return;
    }
    if (p.elapsedMs < PROGRESS_AFTER_MS) return;
    if (p.stage !== 'done' && p.elapsedMs - last < PROGRESS_EVERY_MS) return;
    last = p.elapsedMs;
    process.stderr.write(formatProgress(p));
  };
}

/** Reads a JSON file and checks it; its problems become an InvalidFile naming the file and what it should be. */
function readChecked<T>(path: string, noun: string, check: (value: unknown) => { ok: true; value: T } | { ok: false; issues: ValidationIssue[] }): T {
  const parsed = parseJson(readText(path));
  const checked = parsed.ok ? check(parsed.value) : parsed;
  if (!checked.ok) throw new InvalidFile(formatIssues(path, checked.issues, noun));
  return checked.value;
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
  let plan: Plan;
  let dataset;
  let scenario: Scenario | null = null;
  try {
    const inputs = [{ name: 'data set', path: args.dataset }, ...inputsOf(PLAN_OPTIONS, args).map((i) => ({ name: `--${i.flag} file`, path: i.path }))];
    checkOutputs(inputs, outputsOf(PLAN_OPTIONS, args));
    const checked = await readDatasetFile(args.dataset);
    if (!checked.ok) throw new InvalidFile(formatIssues(args.dataset, checked.issues));
    const changed = withScenario(args, checked.value);
    dataset = changed.dataset;
    scenario = changed.scenario;
    const asOf = changed.asOf;
    const data = dataset;
    const progress: ProgressReport | null =
      args.progress === undefined
        ? null
        : readChecked(args.progress, 'progress report', (v) => {
            const r = validateProgress(v, data);
            return r.ok ? { ok: true, value: r.report } : r;
          });
    const previous: Plan | null =
      args.previous === undefined
        ? null
        : readChecked(args.previous, 'plan', (v) => {
            const r = checkPlanFile(v);
            return r.ok ? { ok: true, value: r.plan } : r;
          });
    const options: SolveOptions = { onProgress: progressPrinter() };
    if (args.timeLimitSeconds !== undefined) options.timeLimitSeconds = args.timeLimitSeconds;
    plan = await replanPlan(dataset, asOf === undefined ? {} : { asOf, progress, previous }, options);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${PLAN_USAGE}\n`);
      return EXIT.invalid;
    }
    if (err instanceof InvalidFile) {
      process.stderr.write(err.text);
      return EXIT.invalid;
    }
    throw err;
  }
  if (scenario) {
    const changes = describeChanges(scenario.changes);
    process.stdout.write(`Scenario   ${scenario.name}: ${changes.length > 0 ? changes.join(', ') : 'no changes'}\n`);
  }
  process.stdout.write(formatSummary(dataset, plan));
  if (plan.remedies) process.stdout.write(formatRemedies(dataset, plan.remedies));

  const hasPlan = plan.status === 'optimal' || plan.status === 'feasible';
  const files: OutputFile[] = [];
  if (args.out !== undefined) files.push({ path: args.out, content: JSON.stringify(plan, null, 2) + '\n' });
  if (hasPlan) {
    if (args.csv !== undefined) files.push({ path: args.csv, content: sitesToCsv(dataset, plan) });
    if (args.geojson !== undefined) {
      files.push({ path: args.geojson, content: JSON.stringify(sitesToGeoJson(dataset, plan)) + '\n' });
    }
    if (args.xlsx !== undefined) files.push({ path: args.xlsx, content: await planToWorkbook(dataset, plan) });
  } else if (args.csv !== undefined || args.geojson !== undefined || args.xlsx !== undefined) {
    process.stderr.write(`no site selection to export (${plan.status}): CSV/GeoJSON/XLSX not written\n`);
  }
  writeFilesAtomically(files);
  for (const f of files) process.stderr.write(`wrote ${f.path}\n`);
  return exitCodeFor(plan.status);
}

runCommand(run);

