/**
 * The valid inequalities of the best plan within the budgets (solver/remedies/cuts.ts)
 * hold for every plan that keeps the budgets: on tiny infeasible provinces, every
 * build-phase assignment of the candidates is tried. The greedy first plan
 * (solver/remedies/greedy.ts) keeps the budgets; the bounds of the rules met and
 * the shortfall that need no search are never passed by a plan; the cheapest set of sites that
 * hits every window of a spacing rule equals a search over every set.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Assignment } from '../../solver/assemble.js';
import { buildModel } from '../../solver/model.js';
import { normalize } from '../../solver/normalize.js';
import { cheapestHitting, figuresBound, moneyRows } from '../../solver/remedies/cuts.js';
import { greedyPlan } from '../../solver/remedies/greedy.js';
import { allMet, shortfallOf } from '../../solver/remedies/plan.js';
import { listRules } from '../../solver/remedies/rules.js';
import { sizeProblem } from '../../solver/sizing.js';
import { trajectory } from '../../solver/costing.js';
import { generateProvince } from '../../data/generate-lib.js';
import { infeasibleTiny } from './remedies-reference.js';

/** Every assignment of the candidates (never, or any phase). */
function* assignments(sites: number, candidates: number[], phases: number): Generator<Assignment> {
  const assign: Assignment = new Array<number>(sites).fill(-1);
  const go = function* (k: number): Generator<Assignment> {
    if (k === candidates.length) return yield assign;
    for (let f = -1; f < phases; f++) {
      assign[candidates[k]!] = f;
      yield* go(k + 1);
    }
  };
  yield* go(0);
}

/** A tiny infeasible province as the remedies see it: its rules, its forced spending per phase, every candidate. */
function tiny(seed: number) {
  const problem = normalize(infeasibleTiny(seed));
  const sizing = sizeProblem(problem);
  const model = buildModel(problem, sizing);
  const rules = listRules(problem);
  const fixed = problem.phases.map(() => 0);
  problem.sites.forEach((s, i) => s.kind === 'existing' && trajectory(problem, s, sizing[i]!.need, 0).capex.forEach((v, t) => (fixed[t]! += v)));
  const ctx = { problem, sizing, model, rules, deadline: Infinity, gap: 1e-6 };
  const candidates = problem.sites.flatMap((s, i) => (s.kind === 'candidate' ? [i] : []));
  return { problem, sizing, model, rules, fixed, ctx, candidates };
}

describe('valid inequalities of the best plan within the budgets', () => {
  it('hold for every plan that keeps the budgets, and cut on some', () => {
    let rowsChecked = 0;
    let tight = 0;
    for (let seed = 1; seed <= 40; seed++) {
      // Prepare
      const { problem, sizing, model, rules, fixed, ctx, candidates } = tiny(seed);

      // Act
      const rows = moneyRows(problem, sizing, rules, fixed);

      // Assess
      if (rows.length === 0) continue;
      for (const assign of assignments(problem.sites.length, candidates, problem.phases.length)) {
        const capex = evaluate(problem, sizing, model, assign).capex;
        if (problem.phases.some((p, t) => p.budget !== undefined && capex[t]! > p.budget + 1e-6)) continue;
        const met = allMet(ctx, assign);
        rows.forEach((row) => {
          const used = row.terms.reduce((sum, term) => sum + (met[term.rule] ? term.least : 0), 0);
          expect(used, `seed ${seed}, phase ${row.phase}`).toBeLessThanOrEqual(row.room + 1e-6 * Math.max(1, row.room));
        });
      }
      rowsChecked += rows.length;
      // A row cuts when its rules together need more than its room.
      tight += rows.filter((row) => row.terms.reduce((sum, term) => sum + term.least, 0) > row.room).length;
    }
    expect(rowsChecked).toBeGreaterThanOrEqual(10);
    expect(tight).toBeGreaterThan(0);
  }, 120_000);

  it('start from a greedy plan that keeps the budgets and meets rules the empty plan misses', () => {
    let better = 0;
    for (let seed = 1; seed <= 40; seed++) {
      // Prepare
      const { problem, sizing, model, fixed, ctx } = tiny(seed);
      if (problem.phases.some((p, t) => p.budget !== undefined && fixed[t]! > p.budget)) continue;

      // Act
      const assign = greedyPlan(ctx, fixed);

      // Assess
      const capex = evaluate(problem, sizing, model, assign).capex;
      problem.phases.forEach((p, t) => p.budget !== undefined && expect(capex[t]!, `seed ${seed}`).toBeLessThanOrEqual(p.budget));
      const count = (a: Assignment): number => allMet(ctx, a).filter(Boolean).length;
      if (count(assign) > count(problem.sites.map(() => -1))) better++;
    }
    expect(better).toBeGreaterThan(5);
  });

  it('find the cheapest set of sites with one in every spacing window, as a search over every set does', () => {
    let checked = 0;
    for (const seed of [1, 2, 3, 4]) {
      // Prepare
      const problem = normalize(generateProvince({ seed, sites: 50, phases: 3, budget: 'tight', discountRate: 0.04 }));
      const rules = listRules(problem).filter((r) => r.kind === 'spacing' && r.windows.length > 0);
      for (const rule of rules) {
        if (rule.kind !== 'spacing') continue;
        const sites = [...new Set(rule.windows.flat())];
        if (sites.length > 14) continue;
        // Prices with ties and zeros, so the walk's choices matter.
        const price = (i: number): number => ((i * 7919 + seed * 31 + rule.phase) % 5) * 1000;
        let brute = Infinity;
        for (let mask = 0; mask < 1 << sites.length; mask++) {
          const chosen = new Set(sites.filter((_, b) => mask & (1 << b)));
          if (!rule.windows.every((w) => w.some((i) => chosen.has(i)))) continue;
          brute = Math.min(brute, [...chosen].reduce((sum, i) => sum + price(i), 0));
        }

        // Act
        const hit = cheapestHitting(problem, rule.windows, price);

        // Assess
        expect(hit.cost).toBe(brute);
        expect(hit.sites.reduce((sum, i) => sum + price(i), 0)).toBe(brute);
        expect(rule.windows.every((w) => w.some((i) => hit.sites.includes(i)))).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('bound the rules met and the shortfall of every plan that keeps the budgets, and are reached on some', () => {
    let checked = 0;
    let reached = 0;
    for (let seed = 1; seed <= 40; seed++) {
      // Prepare
      const { problem, sizing, model, rules, fixed, ctx, candidates } = tiny(seed);

      // Act
      const bound = figuresBound(rules, moneyRows(problem, sizing, rules, fixed));

      // Assess
      let best: [number, number] | null = null;
      for (const assign of assignments(problem.sites.length, candidates, problem.phases.length)) {
        const capex = evaluate(problem, sizing, model, assign).capex;
        if (problem.phases.some((p, t) => p.budget !== undefined && capex[t]! > p.budget + 1e-6)) continue;
        const met = allMet(ctx, assign).filter(Boolean).length;
        const shortfall = shortfallOf(ctx, assign);
        expect(met, `seed ${seed}`).toBeLessThanOrEqual(bound.rulesMet);
        expect(shortfall, `seed ${seed}`).toBeGreaterThanOrEqual(bound.shortfall);
        if (best === null || met > best[0] || (met === best[0] && shortfall < best[1])) best = [met, shortfall];
      }
      if (best === null) continue;
      checked++;
      if (best[0] === bound.rulesMet && best[1] === bound.shortfall) reached++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
    expect(reached).toBeGreaterThan(5);
  }, 120_000);
});
