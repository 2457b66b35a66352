/**
 * Does the planner keep its time limit? Generated provinces of every family (50-300
 * sites, 4-6 phases, a few seeds), each drawn and then solved in this process with a
 * short limit; the rows past the limit by more than the allowance are named.
 *   node --import tsx test/bench/time-limit.ts [LIMIT_SECONDS] [ALLOWANCE_SECONDS]
 * Prints one line per province (solve time, status, engine, gap) and the overruns.
 */
import { solvePlan } from '../../solver/index.js';
import { caseName, makeCase, type BudgetFamily, type CaseSpec } from './families.js';

const [limitArg, allowanceArg] = process.argv.slice(2);
const limit = Number(limitArg ?? 5);
const allowance = Number(allowanceArg ?? 3);

const FAMILIES: BudgetFamily[] = ['none', 'loose', 'tight', 'binding', 'even', 'front-loaded'];
const SHAPES: Array<Pick<CaseSpec, 'sites' | 'phases' | 'discount'>> = [
  { sites: 50, phases: 4, discount: 0.06 },
  { sites: 90, phases: 6, discount: 0.06 },
  { sites: 150, phases: 5, discount: 0.04 },
  { sites: 300, phases: 6, discount: 0.05 },
];
const SEEDS = [1, 6];

const over: string[] = [];
for (const family of FAMILIES) {
  for (const shape of SHAPES) {
    for (const seed of SEEDS) {
      const spec: CaseSpec = { ...shape, family, seed };
      const { dataset } = await makeCase(spec);
      const started = Date.now();
      const plan = await solvePlan(dataset, { timeLimitSeconds: limit });
      const seconds = (Date.now() - started) / 1000;
      const gap = plan.objective !== null && plan.bound !== null ? (plan.objective - plan.bound) / Math.abs(plan.objective) : null;
      const line = `${caseName(spec).padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${plan.status.padEnd(10)} ${plan.stats.engine.padEnd(22)} gap ${gap === null ? '-' : gap.toExponential(1)}`;
      console.log(line);
      if (seconds > limit + allowance) over.push(line);
    }
  }
}
console.log(over.length ? `\nPast ${limit} s + ${allowance} s:\n${over.join('\n')}` : `\nEvery province within ${limit} s + ${allowance} s.`);
