/**
 * `npm run bench`: solves generated provinces and prints, per case, the planner's
 * whole-process time (the CLI as a child process, start-up included), the time from
 * the solve's start to its first plan and that plan's gap, its status and final gap,
 * its peak memory, and the same MILP solved by plain HiGHS, also as a fresh process.
 * Target per case: max(1.5 s, plain HiGHS / 10), proven optimal.
 *
 * Sections (all by default; `--only` picks some):
 *  - table:    3 phases, 50-1,200 sites, budgets none, loose, tight (as the generator
 *              makes them) and binding (4% discounting, test/bench/families.ts);
 *  - families: binding budgets at 4, 5 and 6 phases (6%, 4% and 2% discounting);
 *  - cases:    the fixed hard cases in test/bench/cases/ (even budgets);
 *  - hard:     the provinces of test/bench/cases/hard/, whose budgets bind in every
 *              phase at once (see the README there);
 *  - tight:    a family built the same way (test/bench/front-loaded.ts) over 50-1,200
 *              sites and 4-6 phases, 4-8% discounting;
 *  - limit:    the families' larger cases again with --time-limit 2: whole process
 *              time and the gap of the plan returned;
 *  - large:    5,000 sites x 10 phases (generated with tight budgets, 4% discounting, and
 *              the fixed province of test/bench/cases/large/): the whole CLI run's time
 *              and peak memory against the 512 MB target;
 *  - sweep:    a few hundred small provinces (20-80 sites, 2-4 phases, tight or
 *              binding budgets, 0-6% discounting) solved in this process; the slowest
 *              ones then run as whole CLI processes beside plain HiGHS;
 *  - broad:    the same over a broad draw (30-1,200 sites, 2-6 phases, binding
 *              budgets or one in five even shares, 0-6% discounting).
 *
 *   npm run bench                                   # everything (takes a long while)
 *   npm run bench -- --only table --sizes 50,300    # some sizes of the 3-phase table
 *   npm run bench -- --only families --phases 5 --family-sizes 120,600
 *   npm run bench -- --only hard,tight --tight-sizes 50,300 --tight-phases 4,6
 *   npm run bench -- --only sweep --sweep 300 --slowest 10
 *   npm run bench -- --only broad --broad 100 --slowest 10
 *   npm run bench -- --no-plain                     # skip plain HiGHS
 *   npm run bench -- --only hard --hard-limit 30    # the planner's time limit on hard and tight (60 s)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { datasetToJson, mulberry32 } from '../../data/generate-lib.js';
import type { Dataset } from '../../solver/index.js';
import { caseName, makeCase, type BenchCase, type BudgetFamily, type CaseSpec } from './families.js';
import { HEADER, row, runCli, runPlain } from './runners.js';
import { BROAD, SMALL, sweep } from './sweep.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (name: string, fallback: string): number[] => (flag(name) ?? fallback).split(',').map(Number);
const only = new Set((flag('--only') ?? 'table,families,cases,hard,tight,limit,large,sweep,broad').split(','));
const sizes = list('--sizes', '50,120,300,600,1200');
const modes = (flag('--modes') ?? 'none,loose,tight,binding').split(',') as BudgetFamily[];
const seeds = list('--seeds', '1');
const familyPhases = list('--phases', '4,5,6');
const familySizes = list('--family-sizes', '50,120,300,600,1200');
const limitSizes = list('--limit-sizes', '300,600,1200');
const tightSizes = list('--tight-sizes', '50,120,300,600,1200');
const tightPhases = list('--tight-phases', '4,5,6');
const sweepCount = Number(flag('--sweep') ?? 300);
const broadCount = Number(flag('--broad') ?? 100);
const slowest = Number(flag('--slowest') ?? 10);
const plainLimit = Number(flag('--plain-limit') ?? 300);
const withPlain = !args.includes('--no-plain');
/** Time limit of the planner on the hard cases and the tight family (seconds): a case it cannot prove still ends. */
const hardLimit = ['--time-limit', flag('--hard-limit') ?? '60'];

/** Discounting of the tight family, drawn per case from its seed: as in the hard cases. */
const TIGHT_DISCOUNTS = [0.04, 0.05, 0.06, 0.08];

/** Discounting of the binding families by number of phases. */
const FAMILY_DISCOUNT: Record<number, number> = { 4: 0.06, 5: 0.04, 6: 0.02 };

const dir = mkdtempSync(join(tmpdir(), 'planner-bench-'));

const label = (c: BenchCase, objective: number | null | undefined): string => {
  const { family, discount } = c.spec;
  if (!c.unbudgeted || !objective) return family;
  return `${family} ${(discount * 100).toFixed(0)}% (+${(((objective - c.unbudgeted) / c.unbudgeted) * 100).toFixed(2)}%)`;
};

async function benchCase(spec: CaseSpec, extra: string[] = []): Promise<void> {
  const c = await makeCase(spec);
  const file = join(dir, `${caseName(spec).replace(/[ %]/g, '_')}.json`);
  writeFileSync(file, datasetToJson(c.dataset));
  const cli = runCli(file, dir, extra);
  const plain = withPlain ? runPlain(file, plainLimit) : null;
  console.log(row(c.dataset.serviceAreas.length, c.dataset.phases.length, label(c, cli.plan?.objective), cli, plain));
}

if (only.has('table')) {
  console.log('\n3 phases\n');
  console.log(HEADER.join('\n'));
  for (const sites of sizes) {
    for (const family of modes) {
      for (const seed of seeds) await benchCase({ sites, phases: 3, family, discount: family === 'binding' ? 0.04 : 0, seed });
    }
  }
}

if (only.has('families')) {
  console.log('\nBinding budgets over more phases\n');
  console.log(HEADER.join('\n'));
  for (const phases of familyPhases) {
    for (const sites of familySizes) {
      for (const seed of seeds) await benchCase({ sites, phases, family: 'binding', discount: FAMILY_DISCOUNT[phases] ?? 0.04, seed });
    }
  }
}

/** Every data set of a folder of fixed cases, beside plain HiGHS. */
function fixedCases(title: string, casesDir: string, extra: string[] = [], targetMs?: number): void {
  console.log(`\n${title} (${casesDir}/)\n`);
  console.log(HEADER.join('\n'));
  const bySize = (name: string): number => Number(/(\d+)x\d+/.exec(name)?.[1] ?? 0);
  const names = readdirSync(casesDir).filter((f) => f.endsWith('.json'));
  for (const name of names.sort((a, b) => bySize(a) - bySize(b) || a.localeCompare(b))) {
    const file = join(casesDir, name);
    const dataset = JSON.parse(readFileSync(file, 'utf8')) as Dataset;
    const cli = runCli(file, dir, extra);
    console.log(row(dataset.serviceAreas.length, dataset.phases.length, name.replace('.json', ''), cli, withPlain ? runPlain(file, plainLimit) : null, targetMs));
  }
}

// Budgets an even share of the unbudgeted plan's spending under 5% discounting.
if (only.has('cases')) fixedCases('Fixed cases', join('test', 'bench', 'cases'));
// The hard cases' target: proven within 15 s, whole CLI run.
if (only.has('hard')) fixedCases('Budgets binding in every phase', join('test', 'bench', 'cases', 'hard'), hardLimit, 15_000);

if (only.has('tight')) {
  console.log("\nTight family: the budget-free optimum front-loaded, every phase's budget its spending plus 1-4%\n");
  console.log(HEADER.join('\n'));
  for (const phases of tightPhases) {
    for (const sites of tightSizes) {
      for (const seed of seeds) {
        const caseSeed = 2000 + 10 * sites + phases + 100_000 * (seed - 1);
        const discount = TIGHT_DISCOUNTS[Math.floor(mulberry32(caseSeed)() * TIGHT_DISCOUNTS.length)]!;
        await benchCase({ sites, phases, family: 'front-loaded', discount, seed: caseSeed }, hardLimit);
      }
    }
  }
}

if (only.has('limit')) {
  console.log('\n--time-limit 2 (target: whole process within 3.5 s, gap at most 1e-3)\n');
  console.log('| sites | phases | budgets | status | gap | first plan (gap) | whole CLI | peak RSS | met |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const specs: CaseSpec[] = familyPhases.flatMap((phases) =>
    limitSizes.map((sites) => ({ sites, phases, family: 'binding' as const, discount: FAMILY_DISCOUNT[phases] ?? 0.04, seed: seeds[0]! })),
  );
  // And one the limit does cut: the broad sweep's slowest (even budgets, proven after about 10 s).
  specs.push({ sites: 914, phases: 5, family: 'even', discount: 0.05, seed: 5051 });
  for (const spec of specs) {
    const { sites, phases } = spec;
    const c = await makeCase(spec);
    const file = join(dir, `limit-${sites}-${phases}.json`);
    writeFileSync(file, datasetToJson(c.dataset));
    const cli = runCli(file, dir, ['--time-limit', '2']);
    const gap = cli.plan?.gap;
    const met = cli.ms <= 3500 && gap != null && gap <= 1e-3;
    const first = cli.firstMs === null ? '-' : `${(cli.firstMs / 1000).toFixed(1)} s${cli.firstGapPct === null ? '' : ` (${cli.firstGapPct}%)`}`;
    console.log(
      `| ${sites} | ${phases} | ${label(c, cli.plan?.objective)} | ${cli.plan?.status ?? `exit ${cli.code}`} | ${gap == null ? '-' : gap.toExponential(1)} | ${first} | ${(cli.ms / 1000).toFixed(2)} s | ${cli.rssMb} MB | ${met ? 'yes' : 'no'} |`,
    );
  }
}

if (only.has('large')) {
  // The memory target: peak under 512 MB for the whole CLI run at 5,000 sites x 10 phases:
  // a generated province (tight budgets, 4% discounting) and the fixed one of cases/large/.
  console.log('\nLarge (memory target: peak under 512 MB for the whole CLI run)\n');
  console.log('| sites | phases | budgets | status | gap | first plan (gap) | whole CLI | engine | peak RSS | memory met |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const c = await makeCase({ sites: 5000, phases: 10, family: 'tight', discount: 0.04, seed: 1 });
  const generated = join(dir, 'large-5000-10.json');
  writeFileSync(generated, datasetToJson(c.dataset));
  for (const [file, name] of [
    [generated, 'generated, tight 4%'],
    [join('test', 'bench', 'cases', 'large', 'large-5000x10.json'), 'cases/large, 4%'],
  ] as const) {
    const cli = runCli(file, dir);
    const plan = cli.plan;
    const first = cli.firstMs === null ? '-' : `${(cli.firstMs / 1000).toFixed(1)} s${cli.firstGapPct === null ? '' : ` (${cli.firstGapPct}%)`}`;
    console.log(
      `| 5000 | 10 | ${name} | ${plan?.status ?? `exit ${cli.code}`} | ${plan?.gap == null ? '-' : plan.gap.toExponential(1)} | ${first} | ${(cli.ms / 1000).toFixed(1)} s | ${plan?.stats.engine ?? '-'} | ${cli.rssMb} MB | ${cli.rssMb < 512 ? 'yes' : 'no'} |`,
    );
  }
}

if (only.has('sweep')) await sweep({ count: sweepCount, slowest, dir, withPlain, plainLimit }, SMALL);
if (only.has('broad')) await sweep({ count: broadCount, slowest, dir, withPlain, plainLimit }, BROAD);

rmSync(dir, { recursive: true, force: true });
