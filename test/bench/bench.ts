/**
 * `npm run bench`: solves generated provinces of 50-1,200 service areas and
 * prints, per case, the planner's whole-process time (the CLI as a child
 * process, start-up included), its status and gap, its peak memory, and the
 * same MILP solved by plain HiGHS, also as a fresh process, for comparison.
 *
 * Cases per size: no budgets, loose and tight budgets (as the generator makes
 * them), and "binding": with 4% discounting, the last phase's budget is 85% of
 * what the unbudgeted optimal plan spends in it (earlier phases get room), so
 * part of the build-out must move earlier, at a price (the optimum rises; the
 * table shows by how much).
 *
 *   npm run bench                      # the full table (takes several minutes)
 *   npm run bench -- --sizes 50,300    # some sizes only
 *   npm run bench -- --no-plain        # skip the plain HiGHS comparison
 *   npm run bench -- --no-cases        # skip the fixed hard cases in test/bench/cases/
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetToJson, generateProvince } from '../../data/generate-lib.js';
import { solvePlan, type Dataset, type Plan } from '../../solver/index.js';

type Mode = 'none' | 'loose' | 'tight' | 'binding';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (flag('--sizes') ?? '50,120,300,600,1200').split(',').map(Number);
const modes = (flag('--modes') ?? 'none,loose,tight,binding').split(',') as Mode[];
const seeds = (flag('--seeds') ?? '1').split(',').map(Number);
const plainLimit = Number(flag('--plain-limit') ?? 300);
const withPlain = !args.includes('--no-plain');

const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'));

async function makeCase(sites: number, mode: Mode, seed: number): Promise<{ dataset: Dataset; unbudgeted?: number }> {
  if (mode !== 'binding') return { dataset: generateProvince({ seed, sites, budget: mode }) };
  const dataset = generateProvince({ seed, sites, budget: 'none', discountRate: 0.04 });
  const free = await solvePlan(dataset, { timeLimitSeconds: 600 });
  // Later phases are cheaper under discounting, so the free plan defers spending;
  // capping the last phase forces part of it earlier, at a price.
  const spend = free.phases.map((p) => p.capex);
  const last = spend.length - 1;
  dataset.phases.forEach((p, t) => {
    const limit = t === last ? 0.85 * spend[t]! : spend[t]! + 0.25 * spend[last]!;
    p.budget = Math.round(limit / 1000) * 1000;
  });
  return { dataset, unbudgeted: free.objective ?? undefined };
}

function runCli(file: string): { ms: number; plan: Plan | null; rssMb: number; code: number | null } {
  const out = join(dir, 'plan.json');
  rmSync(out, { force: true });
  const started = Date.now();
  const res = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, 'functions/cli/run.mjs', file, '--out', out], {
    encoding: 'utf8',
  });
  const ms = Date.now() - started;
  const rssKb = Number((res.stderr.trim().split('\n').pop() ?? '').trim());
  let plan: Plan | null = null;
  try {
    plan = JSON.parse(readFileSync(out, 'utf8')) as Plan;
  } catch {
    plan = null;
  }
  return { ms, plan, rssMb: Math.round(rssKb / 1024), code: res.status };
}

/** Plain HiGHS on one data set in a fresh process, timed like the CLI (start-up included). */
function runPlain(file: string): { status: string; objective: number | null; ms: number } {
  const started = Date.now();
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/plain-one.ts', file, String(plainLimit)], { encoding: 'utf8' });
  const ms = Date.now() - started;
  try {
    const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '') as { status: string; objective: number | null };
    return { ...out, ms };
  } catch {
    return { status: `exit ${res.status}`, objective: null, ms };
  }
}

const header = '| sites | phases | budgets | status | gap | planner (whole CLI) | engine | peak RSS | plain HiGHS | target | met |';
console.log(header);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const sites of sizes) {
  for (const mode of modes) {
    for (const seed of seeds) {
      const { dataset, unbudgeted } = await makeCase(sites, mode, seed);
      const file = join(dir, `case-${sites}-${mode}-${seed}.json`);
      writeFileSync(file, datasetToJson(dataset));
      const cli = runCli(file);
      let plainText = 'skipped';
      let plainMs = 0;
      if (withPlain) {
        const plain = runPlain(file);
        plainMs = plain.ms;
        const same =
          plain.objective !== null && cli.plan?.objective != null
            ? Math.abs(plain.objective - cli.plan.objective) <= 1e-6 * Math.abs(plain.objective) + 1
            : false;
        plainText = `${(plain.ms / 1000).toFixed(2)} s ${plain.status === 'Optimal' ? (same ? '(same optimum)' : '(OPTIMUM DIFFERS)') : `(${plain.status})`}`;
      }
      const target = Math.max(1500, plainMs / 10);
      const plan = cli.plan;
      const label = mode === 'binding' && unbudgeted && plan?.objective ? `binding (+${(((plan.objective - unbudgeted) / unbudgeted) * 100).toFixed(2)}%)` : mode;
      const row = `| ${dataset.serviceAreas.length} | ${dataset.phases.length} | ${label} | ${plan?.status ?? `exit ${cli.code}`} | ${plan?.gap == null ? '-' : plan.gap.toExponential(1)} | ${(cli.ms / 1000).toFixed(2)} s | ${plan?.stats.engine ?? '-'} | ${cli.rssMb} MB | ${plainText} | ${withPlain ? `${(target / 1000).toFixed(2)} s` : '-'} | ${withPlain ? (cli.ms <= target && plan?.status === 'optimal' ? 'yes' : 'no') : '-'} |`;
      console.log(row);
    }
  }
}
// Fixed hard cases: budgets an even share of the unbudgeted plan's spending under 5%
// discounting, the packing puzzle where branch-and-bound alone needs the longest.
if (!args.includes('--no-cases')) {
  const casesDir = join('test', 'bench', 'cases');
  for (const name of readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(casesDir, name);
    const dataset = JSON.parse(readFileSync(file, 'utf8')) as Dataset;
    const cli = runCli(file);
    const plain = withPlain ? runPlain(file) : null;
    const plan = cli.plan;
    const same =
      plain?.objective != null && plan?.objective != null
        ? Math.abs(plain.objective - plan.objective) <= 1e-6 * Math.abs(plain.objective) + 1
        : false;
    const plainText = plain ? `${(plain.ms / 1000).toFixed(2)} s ${plain.status === 'Optimal' ? (same ? '(same optimum)' : '(OPTIMUM DIFFERS)') : `(${plain.status})`}` : 'skipped';
    const target = plain ? Math.max(1500, plain.ms / 10) : 0;
    console.log(
      `| ${dataset.serviceAreas.length} | ${dataset.phases.length} | ${name.replace('.json', '')} | ${plan?.status ?? `exit ${cli.code}`} | ${plan?.gap == null ? '-' : plan.gap.toExponential(1)} | ${(cli.ms / 1000).toFixed(2)} s | ${plan?.stats.engine ?? '-'} | ${cli.rssMb} MB | ${plainText} | ${plain ? `${(target / 1000).toFixed(2)} s` : '-'} | ${plain ? (cli.ms <= target && plan?.status === 'optimal' ? 'yes' : 'no') : '-'} |`,
    );
  }
}
rmSync(dir, { recursive: true, force: true });
