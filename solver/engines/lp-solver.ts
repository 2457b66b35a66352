/**
 * javascript-lp-solver as the engine for small models. It is pure JavaScript, so
 * a small province is planned without loading (and warming up) the HiGHS
 * WebAssembly module, which costs more than the whole solve.
 *
 * Its answers are not taken on trust: at a timeout it still reports a feasible
 * (possibly fractional) result without saying the search was cut short. So it
 * only solves LP relaxations, without a timeout, and only an integral one counts;
 * anything else returns null and the caller moves on to HiGHS.
 */
import solver from 'javascript-lp-solver';
import type { Model as LpModel } from 'javascript-lp-solver';
import { columnsCost, type Model } from '../model.js';

/** Largest model (columns) handed to javascript-lp-solver. */
export const LP_SOLVER_MAX_COLUMNS = 150;

export interface SmallResult {
  x: number[];
  objective: number;
  bound: number;
}

function toLpModel(model: Model): LpModel {
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
  // Every column sits in its site's choice row (at most 1), so x <= 1 needs no row of its own.
  return { optimize: 'cost', opType: 'min', constraints, variables };
}

const columnValues = (model: Model, result: Record<string, unknown>): number[] =>
  model.columns.map((_, j) => {
    const v = result[`x${j}`];
    return typeof v === 'number' ? v : 0;
  });

/**
 * Solves a small model's LP relaxation; returns it when it is integral (then it
 * is optimal, proven by itself), null otherwise. Its branch-and-bound is not
 * used: it can only be stopped by the clock, and an answer that depends on how
 * busy the machine is would break the planner's promise of one plan per input.
 */
export function solveSmall(model: Model): SmallResult | null {
  if (model.columns.length === 0 || model.columns.length > LP_SOLVER_MAX_COLUMNS) return null;
  // No timeout on purpose: a relaxation of this size takes milliseconds, and a
  // clock-dependent cut-off would make the engine (and so the plan) depend on load.
  const relax = solver.Solve(toLpModel(model)) as Record<string, unknown>;
  if (relax['feasible'] !== true || typeof relax['result'] !== 'number') return null;
  const x = columnValues(model, relax);
  if (!x.every((v) => Math.abs(v - Math.round(v)) <= 1e-9)) return null;
  const xi = x.map((v) => Math.round(v));
  const objective = columnsCost(model, xi);
  return { x: xi, objective, bound: objective };
}
