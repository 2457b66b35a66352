/**
 * javascript-lp-solver as the engine for small models. It is pure JavaScript, so
 * a small province is planned without loading (and warming up) the HiGHS
 * WebAssembly module, which costs more than the whole solve.
 *
 * Its answers are not taken on trust: at a timeout it still reports a feasible
 * (possibly fractional) result without saying the search was cut short. So the
 * MILP answer counts as optimal only when it finished inside the time limit, is
 * integral, and meets the bound of the LP relaxation within the optimality gap;
 * anything else returns null and the caller moves on to HiGHS.
 */
import solver from 'javascript-lp-solver';
import type { Model as LpModel } from 'javascript-lp-solver';
import type { Model } from '../model.js';

/** Largest model (columns) handed to javascript-lp-solver. */
export const LP_SOLVER_MAX_COLUMNS = 150;

export interface SmallResult {
  x: number[];
  objective: number;
  bound: number;
}

function toLpModel(model: Model, integer: boolean): LpModel {
  const constraints: LpModel['constraints'] = {};
  const variables: LpModel['variables'] = {};
  model.columns.forEach((c, j) => {
    variables[`x${j}`] = { cost: c.cost };
  });
  model.rows.forEach((r, i) => {
    const bound: { min?: number; max?: number } = {};
    if (Number.isFinite(r.lower)) bound.min = r.lower;
    if (Number.isFinite(r.upper)) bound.max = r.upper;
    constraints[`r${i}`] = bound;
    r.cols.forEach((j, q) => {
      variables[`x${j}`]![`r${i}`] = r.coefs[q]!;
    });
  });
  // Columns outside any choice row cannot exist (every column belongs to its site's choice row), so x <= 1 holds.
  const ints = integer ? Object.fromEntries(model.columns.map((_, j) => [`x${j}`, 1 as const])) : undefined;
  return { optimize: 'cost', opType: 'min', constraints, variables, ...(ints ? { ints } : {}), options: { tolerance: 0, timeout: 0 } };
}

/** Time javascript-lp-solver gets for its branch-and-bound before HiGHS takes over, seconds. */
export const LP_SOLVER_SEARCH_SECONDS = 0.3;

const columnValues = (model: Model, result: Record<string, unknown>): number[] =>
  model.columns.map((_, j) => {
    const v = result[`x${j}`];
    return typeof v === 'number' ? v : 0;
  });

const integral = (x: number[]): boolean => x.every((v) => Math.abs(v - Math.round(v)) <= 1e-6);

/** Solves a small model; null when the answer is not proven optimal. */
export function solveSmall(model: Model, timeLimitSeconds: number, gap: number): SmallResult | null {
  if (model.columns.length === 0 || model.columns.length > LP_SOLVER_MAX_COLUMNS) return null;
  const relax = solver.Solve({ ...toLpModel(model, false), options: { timeout: Math.max(10, timeLimitSeconds * 1000) } }) as Record<string, unknown>;
  if (relax['feasible'] !== true || typeof relax['result'] !== 'number') return null;
  const bound = model.offset + relax['result'];
  let x = columnValues(model, relax);
  if (!integral(x)) {
    // Only a short search: where the relaxation is fractional, HiGHS' cuts close the gap far sooner.
    const timeout = Math.max(10, Math.floor(Math.min(timeLimitSeconds, LP_SOLVER_SEARCH_SECONDS) * 1000));
    const started = Date.now();
    const mip = solver.Solve({ ...toLpModel(model, true), options: { tolerance: 0, timeout } }) as Record<string, unknown>;
    if (Date.now() - started >= timeout * 0.95) return null;
    if (mip['feasible'] !== true || mip['isIntegral'] === false) return null;
    x = columnValues(model, mip);
    if (!integral(x)) return null;
  }
  const xi = x.map((v) => Math.round(v));
  const objective = model.offset + xi.reduce((sum, v, j) => sum + v * model.columns[j]!.cost, 0);
  if (objective - bound > gap * Math.abs(objective) + 1e-6) return null;
  return { x: xi, objective, bound: Math.min(bound, objective) };
}
