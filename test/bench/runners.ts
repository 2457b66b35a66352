/**
 * How the benchmark runs one data set: the planner's CLI and plain HiGHS, each as
 * a fresh process timed whole (start-up included), the CLI under /usr/bin/time for
 * its peak memory.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../../solver/index.js';

export interface CliRun {
  /** Whole process, ms. */
  ms: number;
  /** ms from the solve's start to its first plan (the CLI's "first plan" line, else the final plan). */
  firstMs: number | null;
  /** Gap of the first plan as the CLI printed it (%), null when the first plan was the final one. */
  firstGapPct: number | null;
  plan: Plan | null;
  rssMb: number;
  code: number | null;
}

export function runCli(file: string, dir: string, extra: string[] = []): CliRun {
  const out = join(dir, 'plan.json');
  rmSync(out, { force: true });
  const started = Date.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'cli/run.mjs', file, '--out', out, ...extra], {
    encoding: 'utf8',
  });
  const ms = Date.now() - started;
  const lines = res.stderr.trim().split('\n');
  const rssKb = Number((lines.pop() ?? '').trim());
  let plan: Plan | null = null;
  try {
    plan = JSON.parse(readFileSync(out, 'utf8')) as Plan;
  } catch {
    plan = null;
  }
  const first = lines.map((l) => /^\[\s*([\d.]+) s\].*first plan/.exec(l) && l).find(Boolean);
  const firstAt = first ? Number(/^\[\s*([\d.]+) s\]/.exec(first)![1]) * 1000 : null;
  const firstGap = first ? /gap ([\d.]+)%/.exec(first) : null;
  const hasPlan = plan?.status === 'optimal' || plan?.status === 'feasible';
  return {
    ms,
    firstMs: firstAt ?? (hasPlan ? plan!.stats.ms : null),
    firstGapPct: firstGap ? Number(firstGap[1]) : null,
    plan,
    rssMb: Math.round(rssKb / 1024),
    code: res.status,
  };
}

export interface PlainRun {
  status: string;
  objective: number | null;
  ms: number;
}

/** Plain HiGHS on one data set in a fresh process, timed like the CLI (start-up included). */
export function runPlain(file: string, limitSeconds: number): PlainRun {
  const started = Date.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/plain-one.ts', file, String(limitSeconds)], { encoding: 'utf8' });
  const ms = Date.now() - started;
  try {
    const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '') as { status: string; objective: number | null };
    return { ...out, ms };
  } catch {
    return { status: `exit ${res.status}`, objective: null, ms };
  }
}

export const sameOptimum = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a != null && b != null && Math.abs(a - b) <= 1e-6 * Math.abs(a) + 1;

/** One table row: the planner against plain HiGHS and the target max(1.5 s, plain / 10), or a fixed target `targetMs`. */
export function row(sites: number, phases: number, label: string, cli: CliRun, plain: PlainRun | null, targetMs?: number): string {
  const plan = cli.plan;
  const plainText = plain
    ? `${(plain.ms / 1000).toFixed(2)} s ${plain.status === 'Optimal' ? (sameOptimum(plain.objective, plan?.objective) ? '(same optimum)' : '(OPTIMUM DIFFERS)') : `(${plain.status})`}`
    : 'skipped';
  const target = targetMs ?? (plain ? Math.max(1500, plain.ms / 10) : 1500);
  const met = cli.ms <= target && plan?.status === 'optimal';
  const first = cli.firstMs === null ? '-' : `${(cli.firstMs / 1000).toFixed(1)} s${cli.firstGapPct === null ? '' : ` (${cli.firstGapPct}%)`}`;
  return `| ${sites} | ${phases} | ${label} | ${plan?.status ?? `exit ${cli.code}`} | ${plan?.gap == null ? '-' : plan.gap.toExponential(1)} | ${first} | ${(cli.ms / 1000).toFixed(2)} s | ${plan?.stats.engine ?? '-'} | ${cli.rssMb} MB | ${plainText} | ${(target / 1000).toFixed(2)} s | ${met ? 'yes' : 'no'} |`;
}

export const HEADER = [
  '| sites | phases | budgets | status | gap | first plan (gap) | planner (whole CLI) | engine | peak RSS | plain HiGHS | target | met |',
  '|---|---|---|---|---|---|---|---|---|---|---|---|',
];
