/**
 * `npm run bench:replan`: what a re-plan costs next to the plain plan, on
 * generated provinces. Per size: the plain solve, a progress report of the
 * first phase's builds (validated), the re-plan as of the second phase's year,
 * and the diff of the two; times in ms, in this process (no start-up).
 *
 *   npm run bench:replan                    # sizes 120, 300, 1200
 *   npm run bench:replan -- --sizes 300     # some sizes only
 */
import { generateProvince } from '../../data/generate-lib.js';
import { diffPlans, replanPlan, solvePlan, validateProgress, type ProgressReport } from '../../solver/index.js';

const args = process.argv.slice(2);
const i = args.indexOf('--sizes');
const sizes = (i >= 0 ? args[i + 1]! : '120,300,1200').split(',').map(Number);

const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await f();
  return [value, Math.round(performance.now() - started)];
};

console.log('sites  plain ms  validate ms  replan ms  diff ms  plain status  replan status  slipped');
for (const sites of sizes) {
  const dataset = generateProvince({ seed: 1, sites, phases: 3, budget: 'loose', discountRate: 0.04 });
  const [plain, plainMs] = await time(() => solvePlan(dataset));
  const first = [...dataset.phases].sort((a, b) => a.year - b.year)[0]!;
  // Every other first-phase build is reported, so half of them slip.
  const report: ProgressReport = {
    asOf: `${first.year}-12-31`,
    sites: plain.sites
      .filter((s) => s.buildPhase === first.id)
      .filter((_, k) => k % 2 === 0)
      .map((s) => ({ id: s.id, piles: s.piles[first.id]!, coveredSince: first.id })),
  };
  const [valid, validateMs] = await time(() => validateProgress(report, dataset));
  if (!valid.ok) throw new Error(JSON.stringify(valid.issues.slice(0, 3)));
  const [replan, replanMs] = await time(() => replanPlan(dataset, { asOf: `${first.year + 1}-01-15`, progress: report, previous: plain }));
  const [, diffMs] = await time(() => diffPlans(plain, replan));
  console.log(
    [sites, plainMs, validateMs, replanMs, diffMs, plain.status, replan.status, replan.slipped?.length ?? 0]
      .map((v, k) => String(v).padStart([5, 8, 11, 9, 7, 12, 13, 7][k]!))
      .join('  '),
  );
}
