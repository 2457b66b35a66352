/**
 * The benchmark's generated cases: provinces from the generator (data/generate-lib.ts)
 * with budgets as the generator makes them, or budgets derived from the unbudgeted
 * optimum so that they bind:
 *  - binding: the last phase's budget is 85% of what the unbudgeted optimum spends
 *    in it (earlier phases get room), so part of the build-out moves earlier at a price;
 *  - even: every phase's budget is an even share of the unbudgeted optimum's
 *    spending (at least what that phase must spend anyway), the packing puzzle where
 *    branch-and-bound alone needs the longest;
 *  - front-loaded: every phase's budget binds at once (the `tight` section; see
 *    front-loaded.ts), built the way the hard cases of cases/hard/ were.
 */
import { generateProvince } from '../../data/generate-lib.js';
import { solvePlan, type Dataset } from '../../solver/index.js';
import { frontLoad, type FrontLoading } from './front-loaded.js';

export type BudgetFamily = 'none' | 'loose' | 'tight' | 'binding' | 'even' | 'front-loaded';

export interface CaseSpec {
  sites: number;
  phases: number;
  family: BudgetFamily;
  /** costs.discountRate of the province. */
  discount: number;
  seed: number;
}

export interface BenchCase {
  spec: CaseSpec;
  dataset: Dataset;
  /** Optimum without budgets, for binding and even cases (how much the budgets cost). */
  unbudgeted?: number;
  /** How a front-loaded case's budgets were made. */
  loading?: FrontLoading;
}

export const caseName = (s: CaseSpec): string =>
  `${s.sites}x${s.phases} ${s.family}${s.discount ? ` ${(s.discount * 100).toFixed(0)}%` : ''} seed ${s.seed}`;

export async function makeCase(spec: CaseSpec): Promise<BenchCase> {
  const { sites, phases, family, discount, seed } = spec;
  if (family === 'none' || family === 'loose' || family === 'tight') {
    return { spec, dataset: generateProvince({ seed, sites, phases, budget: family, discountRate: discount }) };
  }
  const dataset = generateProvince({ seed, sites, phases, budget: 'none', discountRate: discount });
  const free = await solvePlan(dataset, { timeLimitSeconds: 600 });
  if (family === 'front-loaded') return { spec, dataset, unbudgeted: free.objective ?? undefined, loading: frontLoad(dataset, free, seed) };
  const spend = free.phases.map((p) => p.capex ?? 0);
  const last = spend.length - 1;
  const total = spend.reduce((a, b) => a + b, 0);
  const setBudgets = (firstShare: number): void =>
    dataset.phases.forEach((p, t) => {
      const limit = family === 'binding' ? (t === last ? 0.85 * spend[t]! : spend[t]! + 0.25 * spend[last]!) : (total / spend.length) * (t === 0 ? firstShare : 1);
      p.budget = Math.round(limit / 1000) * 1000;
    });
  setBudgets(1.02);
  if (family === 'even') {
    // Even: a share of the total each, the first phase a little more. Where required sites
    // and early targets need more at once, the first phase gets more until a plan exists.
    // A probe asks only whether a plan exists, so the remedies of its infeasible answers
    // (SPEC 7, 30 s each by default) are cut short: a case must not take minutes to draw.
    for (let share = 1.02; share < 3; share += 0.08) {
      setBudgets(share);
      const probe = await solvePlan(dataset, { timeLimitSeconds: 600, remediesTimeLimitSeconds: 0 });
      if (probe.status !== 'infeasible') break;
    }
  }
  return { spec, dataset, unbudgeted: free.objective ?? undefined };
}
