/**
 * Arguments of `npm run plan`. Pure: parses an argv array into options or a
 * message for the user, never exits.
 */
import { parseArgs } from 'node:util';

export const PLAN_USAGE =
  'usage: npm run plan -- <dataset.json> [--out plan.json] [--csv sites.csv] [--geojson sites.geojson] [--time-limit SECONDS]';

export interface PlanArgs {
  dataset: string;
  out?: string;
  csv?: string;
  geojson?: string;
  /** Seconds; the planner's own default when omitted. */
  timeLimitSeconds?: number;
}

export type ParsedPlanArgs =
  | { kind: 'run'; args: PlanArgs }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export function parsePlanArgs(argv: readonly string[]): ParsedPlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        out: { type: 'string' },
        csv: { type: 'string' },
        geojson: { type: 'string' },
        'time-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: 'no data set file given' };
  if (positionals.length > 1) return { kind: 'error', message: `one data set file expected, got ${positionals.length}: ${positionals.join(' ')}` };
  const dataset = positionals[0] as string;
  const args: PlanArgs = { dataset };
  for (const key of ['out', 'csv', 'geojson'] as const) {
    const value = values[key];
    if (value === undefined) continue;
    if (value.trim() === '') return { kind: 'error', message: `--${key} needs a file name` };
    args[key] = value;
  }
  const limit = values['time-limit'];
  if (limit !== undefined) {
    const seconds = Number(limit);
    if (limit.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
      return { kind: 'error', message: `--time-limit must be a positive number of seconds, got "${limit}"` };
    }
    args.timeLimitSeconds = seconds;
  }
  return { kind: 'run', args };
}
