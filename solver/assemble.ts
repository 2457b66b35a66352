/**
 * Plan assembly and checking. Every figure of a plan is recomputed here from the
 * chosen build phases alone (SPEC sections 2, 4 and 5), whatever engine chose
 * them, and the same recomputation checks every constraint of section 3.
 */
import { trajectory, type Trajectory } from './costing.js';
import { english, type MessageDetail } from './messages.js';
import type { Model } from './model.js';
import type { Problem } from './normalize.js';
import { coveredIn, overBudget, relativeGap, wideGaps } from './rules.js';
import type { PhaseSummary, Plan, SitePlan, SiteSizing } from './types.js';

/** Build phase per site: phase index, or -1 never covered; existing-covered sites are read from the problem. */
export type Assignment = number[];

export interface Evaluation {
  objective: number;
  capex: number[];
  trajectories: (Trajectory | null)[];
  /** Constraint violations in words; empty when the assignment is feasible. */
  violations: string[];
}

/** Recomputes cost and checks every constraint of an assignment. */
export function evaluate(problem: Problem, sizing: SiteSizing[], model: Model, assign: Assignment): Evaluation {
  const T = problem.phases.length;
  const capex = new Array<number>(T).fill(0);
  let objective = 0;
  const violations: string[] = [];
  const trajectories = problem.sites.map((s, i) => {
    if (s.kind === 'existing') return model.fixed.get(i) ?? trajectory(problem, s, sizing[i]!.need, 0);
    const k = assign[i] ?? -1;
    if (k < 0) {
      if (s.requiredBy >= 0 && s.kind === 'candidate') violations.push(`required service area ${s.id} is not covered`);
      return null;
    }
    if (s.kind === 'excluded') violations.push(`excluded service area ${s.id} is covered`);
    if (s.requiredBy >= 0 && k > s.requiredBy) violations.push(`required service area ${s.id} is covered after its phase`);
    return trajectory(problem, s, sizing[i]!.need, k);
  });
  trajectories.forEach((tr) => {
    if (!tr) return;
    tr.capex.forEach((v, t) => (capex[t]! += v));
    objective += tr.discounted;
  });
  const covered = (i: number, t: number): boolean => coveredIn(problem.sites[i]!.kind, assign[i] ?? -1, t);
  problem.phases.forEach((p, t) => {
    problem.regions.forEach((r, ri) => {
      const need = model.required[ri]![t];
      if (need === null || need === undefined) return;
      const n = r.sites.filter((i) => covered(i, t)).length;
      if (n < need) violations.push(`region ${r.id} has ${n} covered in ${p.id}, needs ${need}`);
    });
    if (p.maxGapKm !== undefined) {
      for (const c of problem.corridors) {
        for (const [from, to] of wideGaps(c, (i) => problem.sites[i]!.km, (i) => covered(i, t), p.maxGapKm)) {
          violations.push(`corridor ${c.id} gap ${from}-${to} in ${p.id}`);
        }
      }
    }
    if (p.budget !== undefined && overBudget(capex[t]!, p.budget)) {
      violations.push(`phase ${p.id} spends ${capex[t]} over its budget ${p.budget}`);
    }
  });
  return { objective, capex, trajectories, violations };
}

/** Assignment (build phase per site) from the engine's 0/1 column values. */
export function assignmentFromColumns(problem: Problem, model: Model, x: number[]): Assignment {
  const assign = new Array<number>(problem.sites.length).fill(-1);
  model.columns.forEach((c, j) => {
    if ((x[j] ?? 0) > 0.5) assign[c.site] = c.phase;
  });
  return assign;
}

/** Rounds money to the cent so that sums print the same everywhere. */
const cents = (v: number): number => Math.round(v * 100) / 100;

export interface PlanHeader {
  status: Plan['status'];
  bound: number | null;
  warnings: MessageDetail[];
  diagnosis: MessageDetail[];
  stats: Plan['stats'];
}

/** The SPEC section 5 plan of an assignment. */
export function assemblePlan(problem: Problem, sizing: SiteSizing[], model: Model, assign: Assignment | null, header: PlanHeader): Plan {
  const phaseIds = problem.phases.map((p) => p.id);
  const ev = assign ? evaluate(problem, sizing, model, assign) : null;
  const sites: SitePlan[] = problem.sites.map((s, i) => {
    const tr = ev?.trajectories[i] ?? null;
    const k = s.kind === 'existing' ? 0 : assign && tr ? assign[i]! : -1;
    // Object.fromEntries, not assignment: a phase id like "__proto__" must stay a plain key.
    const piles: Record<string, number> = Object.fromEntries(phaseIds.map((id, t) => [id, tr ? tr.piles[t]! : s.existingPiles]));
    const from = phaseIds.map((id, t) => [id, t] as const).filter(([, t]) => tr !== null && t >= k);
    const capex: Record<string, number> = Object.fromEntries(from.map(([id, t]) => [id, cents(tr!.capex[t]!)]));
    const shortfall: Record<string, number> = Object.fromEntries(from.map(([id, t]) => [id, tr!.shortfall[t]!]));
    const buildPhase = s.kind === 'existing' ? 'existing' : tr ? phaseIds[k]! : null;
    return { id: s.id, buildPhase, piles, capex, shortfall };
  });
  const phases: PhaseSummary[] = problem.phases.map((p, t) => {
    const coverage = problem.regions.map((r, ri) => {
      const covered = r.sites.filter((i) => coveredIn(problem.sites[i]!.kind, assign?.[i] ?? -1, t)).length;
      const total = r.sites.length;
      return { region: r.id, covered, total, required: model.required[ri]![t] ?? null, rate: total ? covered / total : 0 };
    });
    const newSites = assign ? problem.sites.filter((s, i) => s.kind === 'candidate' && assign[i] === t).length : 0;
    const piles = sites.reduce((sum, s) => sum + s.piles[p.id]!, 0);
    return { id: p.id, year: p.year, capex: cents(ev ? ev.capex[t]! : 0), newSites, piles, coverage };
  });
  const objective = ev ? cents(ev.objective) : null;
  const bound = header.status === 'infeasible' ? null : header.bound === null ? null : Math.min(cents(header.bound), objective ?? Infinity);
  const gap = objective === null || bound === null ? null : relativeGap(objective, bound);
  return {
    status: header.status,
    objective,
    bound: header.status === 'optimal' ? objective : bound,
    gap: header.status === 'optimal' ? 0 : gap,
    phases,
    sites,
    warnings: english(header.warnings),
    diagnosis: english(header.diagnosis),
    warningDetails: header.warnings,
    diagnosisDetails: header.diagnosis,
    stats: header.stats,
  };
}
