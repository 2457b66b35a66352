/**
 * `npm run bench:remedies`: the remedies' extra time over the plain solve of an
 * infeasible province (SPEC section 7). Generated provinces of 50, 300 and 1,200
 * sites, 3 phases, tight budgets cut to 70% (4% discounting), solved in this
 * process after HiGHS is loaded once. Per case: the plain solve (proof of
 * infeasibility and diagnosis, the plan's stats.ms), the remedies after it, their
 * ratio, each remedy plan's status and gap and its own time (stats.ms), in wall time and in this
 * process's CPU time (split at the solver's 'remedies' progress event: on a
 * loaded machine CPU time is nearer what an idle one needs). Aim: the remedies
 * within 2x of the plain solve. The remedies stop at their own time limit (the solver's
 * default unless --remedies-limit is given).
 *
 *   npm run bench:remedies
 *   npm run bench:remedies -- --sizes 50,300 --seeds 1,2 --scale 0.6 --remedies-limit 120
 */
import { generateProvince } from '../../data/generate-lib.js';
import { loadHighs } from '../../solver/engines/highs.js';
import { solvePlan, type Plan, type WithinBudget } from '../../solver/index.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (name: string, fallback: string): number[] => (flag(name) ?? fallback).split(',').map(Number);
const sizes = list('--sizes', '50,300,1200');
const seeds = list('--seeds', '1,2,3');
const scale = Number(flag('--scale') ?? 0.7);
const limit = Number(flag('--time-limit') ?? 600);
const remediesLimit = flag('--remedies-limit');

const gap = (p: Plan): string => `${p.status}${p.status === 'optimal' ? '' : ` ${((p.gap ?? 1) * 100).toFixed(3)}%`}`;

await loadHighs();
console.log('sites  seed  plain s  remedies s  ratio  plain CPU s  remedies CPU s  CPU ratio  within (met/total, shortfall), s            extra (total), s              new sites');
for (const sites of sizes) {
  for (const seed of seeds) {
    const dataset = generateProvince({ seed, sites, phases: 3, budget: 'tight', discountRate: 0.04 });
    for (const p of dataset.phases) if (p.budget !== undefined) p.budget = Math.round(p.budget * scale);
    const started = Date.now();
    const cpuStart = process.cpuUsage();
    let cpuAtRemedies: NodeJS.CpuUsage | null = null;
    const plan = await solvePlan(dataset, {
      timeLimitSeconds: limit,
      ...(remediesLimit === undefined ? {} : { remediesTimeLimitSeconds: Number(remediesLimit) }),
      onProgress: (p) => p.stage === 'remedies' && (cpuAtRemedies = process.cpuUsage()),
    });
    const total = (Date.now() - started) / 1000;
    const cpuEnd = process.cpuUsage();
    const cpu = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number => (to.user + to.system - from.user - from.system) / 1e6;
    if (!plan.remedies) {
      console.log(`${String(sites).padStart(5)}  ${String(seed).padStart(4)}  ${plan.status}: no remedies`);
      continue;
    }
    const plain = plan.stats.ms / 1000;
    const extra = total - plain;
    const within = plan.remedies.withinBudget;
    const own = (p: Plan): string => `${(p.stats.ms / 1000).toFixed(1)} s`;
    const w = 'unavailable' in within ? 'unavailable' : `${(within as WithinBudget).rulesMet}/${within.rulesTotal}, ${within.shortfall} ${gap(within.plan)}, ${own(within.plan)}`;
    const e = plan.remedies.extraBudget;
    console.log(
      [
        String(sites).padStart(5),
        String(seed).padStart(4),
        plain.toFixed(2).padStart(7),
        extra.toFixed(2).padStart(10),
        (extra / plain).toFixed(2).padStart(6),
        ...(cpuAtRemedies ? [cpu(cpuStart, cpuAtRemedies), cpu(cpuAtRemedies, cpuEnd)] : [NaN, NaN]).map((v) => v.toFixed(2).padStart(11)),
        (cpuAtRemedies ? (cpu(cpuAtRemedies, cpuEnd) / cpu(cpuStart, cpuAtRemedies)).toFixed(2) : '-').padStart(9),
        w.padEnd(42),
        `${e.total.toExponential(2)} ${gap(e.plan)}, ${own(e.plan)}`.padEnd(30),
        String(plan.remedies.newSites.length),
      ].join('  '),
    );
  }
}
