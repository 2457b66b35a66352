/**
 * The build decisions of a remedy's program, in cumulative form: one 0/1 column
 * y[s,t] = "candidate s is covered by phase t" for every candidate and every
 * phase (y[s,t-1] <= y[s,t]). Unlike the planner's model, a required site has a
 * column in every phase and may stay uncovered: in a remedy its rule may be missed.
 */
import { trajectory, type Trajectory } from '../costing.js';
import type { Problem } from '../normalize.js';
import type { SiteSizing } from '../types.js';
import type { Assignment } from '../assemble.js';
import type { Program } from './program.js';

export interface Builds {
  /** First column of each candidate (its phase t is column first + t); -1 for other sites. */
  first: number[];
  /** Column of y[s,t]. */
  y: (site: number, phase: number) => number;
  /** Spending per phase of the existing-covered sites (a constant of every plan). */
  fixedCapex: number[];
  /** Discounted spending of the existing-covered sites. */
  fixedCost: number;
  /** Rows "spending of phase t" as (cols, coefs) over the y columns, the fixed spending left out. */
  spend: { cols: number[]; coefs: number[] }[];
  /** Build phase per site of a solution (-1 never covered). */
  assignment: (x: readonly number[]) => Assignment;
  /** The solution (build columns only) of an assignment. */
  columnsOf: (assign: Assignment, x: number[]) => number[];
}

/** Spending per phase of the existing-covered sites: what every plan spends whatever it builds. */
export function forcedSpending(problem: Problem, sizing: SiteSizing[]): number[] {
  const spend = problem.phases.map(() => 0);
  problem.sites.forEach((s, i) => s.kind === 'existing' && trajectory(problem, s, sizing[i]!.need, 0).capex.forEach((v, t) => (spend[t]! += v)));
  return spend;
}

/** Adds the build columns, their cost and the monotone rows to the program. */
export function addBuilds(program: Program, problem: Problem, sizing: SiteSizing[]): Builds {
  const T = problem.phases.length;
  const first = new Array<number>(problem.sites.length).fill(-1);
  const fixedCapex = forcedSpending(problem, sizing);
  let fixedCost = 0;
  const spend = problem.phases.map(() => ({ cols: [] as number[], coefs: [] as number[] }));
  problem.sites.forEach((s, i) => {
    if (s.kind === 'existing') {
      const traj = trajectory(problem, s, sizing[i]!.need, 0);
      fixedCost += traj.discounted;
      return;
    }
    if (s.kind !== 'candidate') return;
    const trajs: Trajectory[] = problem.phases.map((_, k) => trajectory(problem, s, sizing[i]!.need, k));
    // Built in phase k: x_k = y_k - y_{k-1}; a cost c_k on x_k is c_k - c_{k+1} on y_k.
    const at = (k: number, f: (tr: Trajectory) => number): number => (k < T ? f(trajs[k]!) : 0);
    first[i] = program.cost.length;
    for (let t = 0; t < T; t++) {
      const j = program.column(0, 1, true, at(t, (tr) => tr.discounted) - at(t + 1, (tr) => tr.discounted));
      if (t > 0) program.row([j - 1, j], [1, -1], -Infinity, 0);
      for (let p = 0; p < T; p++) {
        const v = at(t, (tr) => tr.capex[p]!) - at(t + 1, (tr) => tr.capex[p]!);
        if (v !== 0) spend[p]!.cols.push(j), spend[p]!.coefs.push(v);
      }
    }
  });
  const y = (site: number, phase: number): number => first[site]! + phase;
  const assignment = (x: readonly number[]): Assignment =>
    first.map((f) => {
      if (f < 0) return -1;
      for (let t = 0; t < T; t++) if ((x[f + t] ?? 0) > 0.5) return t;
      return -1;
    });
  const columnsOf = (assign: Assignment, x: number[]): number[] => {
    first.forEach((f, i) => {
      if (f < 0) return;
      for (let t = 0; t < T; t++) x[f + t] = assign[i]! >= 0 && assign[i]! <= t ? 1 : 0;
    });
    return x;
  };
  return { first, y, fixedCapex, fixedCost, spend, assignment, columnsOf };
}
