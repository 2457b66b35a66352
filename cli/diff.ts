/**
 * npm run diff -- <a.plan.json> <b.plan.json> [--csv diff.csv]
 *
 * Compares two plans the planner wrote (SPEC 6.5): prints the objective
 * difference, the changed sites by kind and the capex per phase; writes the
 * changed sites as CSV when asked. Exit codes as `npm run plan`: 0 done,
 * 2 bad arguments or a file that is not a plan (nothing written), 4 a bug.
 */
import { diffPlans, diffToCsv } from '../solver/diff.js';
import type { Plan } from '../solver/types.js';
import { DIFF_OPTIONS, DIFF_USAGE, outputsOf, parseDiffArgs } from './args.js';
import { EXIT, runCommand } from './exit-codes.js';
import { checkOutputs, parseJson, readText, UsageError } from './files.js';
import { formatDiff, formatIssues } from './format.js';
import { checkPlanFile } from './plan-file.js';
import { writeFilesAtomically, type OutputFile } from './write.js';

function readPlan(path: string): Plan | string {
  const parsed = parseJson(readText(path));
  const checked = parsed.ok ? checkPlanFile(parsed.value) : parsed;
  return checked.ok ? checked.plan : formatIssues(path, checked.issues, 'plan');
}

function run(argv: readonly string[]): number {
  const parsed = parseDiffArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return EXIT.ok;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`${parsed.message}\n${DIFF_USAGE}\n`);
    return EXIT.invalid;
  }
  const args = parsed.args;
  let a: Plan | string;
  let b: Plan | string;
  try {
    checkOutputs([{ name: 'first plan', path: args.a }, { name: 'second plan', path: args.b }], outputsOf(DIFF_OPTIONS, args));
    a = readPlan(args.a);
    b = readPlan(args.b);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n${DIFF_USAGE}\n`);
    return EXIT.invalid;
  }
  if (typeof a === 'string' || typeof b === 'string') {
    process.stderr.write([a, b].filter((x) => typeof x === 'string').join(''));
    return EXIT.invalid;
  }
  const diff = diffPlans(a, b);
  process.stdout.write(formatDiff(diff, args.a, args.b));
  const files: OutputFile[] = args.csv === undefined ? [] : [{ path: args.csv, content: diffToCsv(diff) }];
  writeFilesAtomically(files);
  for (const f of files) process.stderr.write(`wrote ${f.path}\n`);
  return EXIT.ok;
}

runCommand(run);
