/**
 * The planner's tie rule. Equal-cost plans are common (with no discounting a
 * site's build phase often does not change its cost), so after the search the
 * plan is put in a normal form: service areas in id order, each one's build
 * phase is moved as late as it can go without raising the plan's cost or
 * breaking a constraint. Spending is deferred whenever deferring is free, which
 * is what a budget holder asks for, and the result depends only on the canonical
 * problem, never on the order of the input arrays.
 */
import type { Assignment } from './assemble.js';
import { trajectory } from './costing.js';
import type { Model } from './model.js';
import type { Problem } from './normalize.js';
import { coveredIn, overBudget, wideGaps } from './rules.js';
import type { SiteSizing } from './types.js';

export function deferBuilds(problem: Problem, sizing: SiteSizing[], model: Model, input: Assignment): Assignment {
  const assign = [...input];
  const T = problem.phases.length;
  const { sites, regions, corridors, phases } = problem;
  const covered = (i: number, t: number): boolean => coveredIn(sites[i]!.kind, assign[i]!, t);
  const count = regions.map((r) => phases.map((_, t) => r.sites.filter((i) => covered(i, t)).length));
  const capex = new Array<number>(T).fill(0);
  const traj = sites.map((s, i) => {
    if (s.kind === 'existing') return model.fixed.get(i)!;
    return assign[i]! >= 0 ? trajectory(problem, s, sizing[i]!.need, assign[i]!) : null;
  });
  traj.forEach((tr) => tr?.capex.forEach((v, t) => (capex[t]! += v)));

  const gapsHold = (c: number, t: number, without: number): boolean => {
    const D = phases[t]!.maxGapKm;
    if (D === undefined) return true;
    return wideGaps(corridors[c]!, (i) => sites[i]!.km, (i) => i !== without && covered(i, t), D, true).length === 0;
  };

  sites.forEach((s, i) => {
    if (s.kind !== 'candidate') return;
    const k = assign[i]!;
    const last = s.requiredBy >= 0 ? s.requiredBy : T - 1;
    if (k < 0 || k >= last) return;
    const old = traj[i]!;
    for (let later = last; later > k; later--) {
      const next = trajectory(problem, s, sizing[i]!.need, later);
      if (next.discounted > old.discounted + 1e-9 * Math.max(1, old.discounted)) continue;
      let ok = true;
      for (let t = k; t < later && ok; t++) {
        const need = model.required[s.region]![t];
        if (need !== null && need !== undefined && count[s.region]![t]! - 1 < need) ok = false;
        else if (!gapsHold(s.corridor, t, i)) ok = false;
      }
      for (let t = 0; t < T && ok; t++) {
        const budget = phases[t]!.budget;
        if (budget === undefined) continue;
        const after = capex[t]! - old.capex[t]! + next.capex[t]!;
        if (after > capex[t]! + 1e-6 && overBudget(after, budget)) ok = false;
      }
      if (!ok) continue;
      for (let t = k; t < later; t++) count[s.region]![t]! -= 1;
      for (let t = 0; t < T; t++) capex[t] = capex[t]! - old.capex[t]! + next.capex[t]!;
      assign[i] = later;
      traj[i] = next;
      break;
    }
  });
  return assign;
}
