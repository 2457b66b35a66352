/**
 * Arguments of `npm run plan` and `npm run diff`. Pure: parses an argv array
 * into options or a message for the user, never exits.
 *
 * Options are described by tables: a new option is one row (its flag, the
 * field it fills and the kind of value), and outputs are found by their kind,
 * so the checks on output files cover every output option there is.
 */
import { parseArgs } from 'node:util';
import { isIsoDate } from '../solver/dates.js';

export const PLAN_USAGE =
  'usage: npm run plan -- <dataset.json|dataset.xlsx> [--scenario scenario.json] [--progress report.json] [--as-of YYYY-MM-DD] [--previous plan.json] ' +
  '[--out plan.json] [--csv sites.csv] [--geojson sites.geojson] [--xlsx plan.xlsx] [--time-limit SECONDS]';

export const CURVE_USAGE =
  'usage: npm run curve -- <dataset.json|dataset.xlsx> --vary budgetScale|evShareScale|target.priority|target.standard ' +
  '--from NUMBER --to NUMBER --steps N [--out curve.json] [--csv curve.csv] [--time-limit SECONDS] [--remedies-limit SECONDS]';

export const DIFF_USAGE = 'usage: npm run diff -- <a.plan.json> <b.plan.json> [--csv diff.csv]';

/** What an option's value is: a file read, a file written, a calendar date, a number of seconds, any number, a word. */
export type OptionKind = 'input' | 'output' | 'date' | 'seconds' | 'number' | 'text';

export interface OptionSpec<K extends string> {
  /** Command-line flag without the dashes. */
  flag: string;
  /** Field of the parsed arguments it fills. */
  key: K;
  kind: OptionKind;
}

export interface PlanArgs {
  dataset: string;
  out?: string;
  csv?: string;
  geojson?: string;
  /** The plan as a workbook (summary, phases, coverage, sites; docs/workbooks.md). */
  xlsx?: string;
  /** Progress report file (SPEC 6.2); needs asOf. */
  progress?: string;
  /** As-of date of a re-plan (SPEC 6.3), YYYY-MM-DD; without it no phase is closed. */
  asOf?: string;
  /** The previous plan, for `slipped`; needs asOf. */
  previous?: string;
  /** Seconds; the planner's own default when omitted. */
  timeLimitSeconds?: number;
  /** Scenario file (SPEC 8): the data set's changes, and its asOf makes the run a re-plan. */
  scenario?: string;
}

export interface CurveArgs {
  dataset: string;
  /** The curve's own fields, checked by the solver's curve rules (SPEC 8). */
  vary?: string;
  from?: number;
  to?: number;
  steps?: number;
  out?: string;
  csv?: string;
  /** Seconds per point; the planner's own default when omitted. */
  timeLimitSeconds?: number;
  /** Seconds for an infeasible point's remedies (SPEC 7); the planner's own default (30) when omitted. */
  remediesTimeLimitSeconds?: number;
}

export interface DiffArgs {
  a: string;
  b: string;
  csv?: string;
}

type PlanOptionKey = Exclude<keyof PlanArgs, 'dataset'>;

export const PLAN_OPTIONS: readonly OptionSpec<PlanOptionKey>[] = [
  { flag: 'scenario', key: 'scenario', kind: 'input' },
  { flag: 'progress', key: 'progress', kind: 'input' },
  { flag: 'as-of', key: 'asOf', kind: 'date' },
  { flag: 'previous', key: 'previous', kind: 'input' },
  { flag: 'out', key: 'out', kind: 'output' },
  { flag: 'csv', key: 'csv', kind: 'output' },
  { flag: 'geojson', key: 'geojson', kind: 'output' },
  { flag: 'xlsx', key: 'xlsx', kind: 'output' },
  { flag: 'time-limit', key: 'timeLimitSeconds', kind: 'seconds' },
];

export const CURVE_OPTIONS: readonly OptionSpec<Exclude<keyof CurveArgs, 'dataset'>>[] = [
  { flag: 'vary', key: 'vary', kind: 'text' },
  { flag: 'from', key: 'from', kind: 'number' },
  { flag: 'to', key: 'to', kind: 'number' },
  { flag: 'steps', key: 'steps', kind: 'number' },
  { flag: 'out', key: 'out', kind: 'output' },
  { flag: 'csv', key: 'csv', kind: 'output' },
  { flag: 'time-limit', key: 'timeLimitSeconds', kind: 'seconds' },
  { flag: 'remedies-limit', key: 'remediesTimeLimitSeconds', kind: 'seconds' },
];

export const DIFF_OPTIONS: readonly OptionSpec<'csv'>[] = [{ flag: 'csv', key: 'csv', kind: 'output' }];

/** Options that only make sense in a re-plan. */
const NEED_AS_OF: readonly PlanOptionKey[] = ['progress', 'previous'];

export type Parsed<A> = { kind: 'run'; args: A } | { kind: 'help' } | { kind: 'error'; message: string };
export type ParsedPlanArgs = Parsed<PlanArgs>;

/** Reads one option's text by its kind; a string is the message for the user. */
function readValue(spec: OptionSpec<string>, text: string): { value: string | number } | string {
  switch (spec.kind) {
    case 'input':
    case 'output':
      return text.trim() === '' ? `--${spec.flag} needs a file name` : { value: text };
    case 'date':
      return isIsoDate(text) ? { value: text } : `--${spec.flag} must be a calendar date YYYY-MM-DD, got "${text}"`;
    case 'text':
      return { value: text };
    case 'number': {
      const value = Number(text);
      return text.trim() === '' || !Number.isFinite(value) ? `--${spec.flag} must be a number, got "${text}"` : { value };
    }
    case 'seconds': {
      const seconds = Number(text);
      if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
        return `--${spec.flag} must be a positive number of seconds, got "${text}"`;
      }
      return { value: seconds };
    }
  }
}

/** Parses argv against an option table; `positionals` names the positional arguments expected, in order. */
function parseCommand<K extends string>(
  argv: readonly string[],
  table: readonly OptionSpec<K>[],
  noun: string,
  count: number,
): Parsed<{ positionals: string[]; values: Partial<Record<K, string | number>> }> {
  let parsed;
  try {
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { help: { type: 'boolean', short: 'h' } };
    for (const spec of table) options[spec.flag] = { type: 'string' };
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: `no ${noun} file given` };
  if (positionals.length !== count) {
    const expected = count === 1 ? `one ${noun} file` : `${count} ${noun} files`;
    return { kind: 'error', message: `${expected} expected, got ${positionals.length}: ${positionals.join(' ')}` };
  }
  const out: Partial<Record<K, string | number>> = {};
  for (const spec of table) {
    const text = values[spec.flag];
    if (typeof text !== 'string') continue;
    const read = readValue(spec, text);
    if (typeof read === 'string') return { kind: 'error', message: read };
    out[spec.key] = read.value;
  }
  return { kind: 'run', args: { positionals, values: out } };
}

export function parsePlanArgs(argv: readonly string[]): ParsedPlanArgs {
  const parsed = parseCommand(argv, PLAN_OPTIONS, 'data set', 1);
  if (parsed.kind !== 'run') return parsed;
  const args = { dataset: parsed.args.positionals[0]!, ...parsed.args.values } as PlanArgs;
  // A scenario may carry the as-of date itself: checked once it is read (needsAsOf).
  const missing = args.scenario === undefined ? needsAsOf(args, args.asOf) : null;
  return missing === null ? { kind: 'run', args } : { kind: 'error', message: missing };
}

/** The message when a re-plan's option is given without an as-of date; null when all is well. */
export function needsAsOf(args: PlanArgs, asOf: string | undefined): string | null {
  const key = NEED_AS_OF.find((k) => args[k] !== undefined);
  if (key === undefined || asOf !== undefined) return null;
  const flag = PLAN_OPTIONS.find((o) => o.key === key)!.flag;
  return `--${flag} needs --as-of${args.scenario === undefined ? '' : " or the scenario's asOf"}: without an as-of date no phase is closed`;
}

export function parseCurveArgs(argv: readonly string[]): Parsed<CurveArgs> {
  const parsed = parseCommand(argv, CURVE_OPTIONS, 'data set', 1);
  if (parsed.kind !== 'run') return parsed;
  return { kind: 'run', args: { dataset: parsed.args.positionals[0]!, ...parsed.args.values } as CurveArgs };
}

export function parseDiffArgs(argv: readonly string[]): Parsed<DiffArgs> {
  const parsed = parseCommand(argv, DIFF_OPTIONS, 'plan', 2);
  if (parsed.kind !== 'run') return parsed;
  const [a, b] = parsed.args.positionals as [string, string];
  return { kind: 'run', args: { a, b, ...parsed.args.values } as DiffArgs };
}

/** The output files named in parsed arguments, with their flags. */
export function outputsOf<K extends string>(table: readonly OptionSpec<K>[], args: Partial<Record<K, unknown>>): { flag: string; path: string }[] {
  return table.flatMap((spec) => {
    const path = args[spec.key];
    return spec.kind === 'output' && typeof path === 'string' ? [{ flag: spec.flag, path }] : [];
  });
}

/** The input files named in parsed arguments, with their flags. */
export function inputsOf<K extends string>(table: readonly OptionSpec<K>[], args: Partial<Record<K, unknown>>): { flag: string; path: string }[] {
  return table.flatMap((spec) => {
    const path = args[spec.key];
    return spec.kind === 'input' && typeof path === 'string' ? [{ flag: spec.flag, path }] : [];
  });
}
