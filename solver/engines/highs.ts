/**
 * HiGHS (WebAssembly) as the MILP engine: the model goes in as sparse rows, a
 * warm start goes in as a MIP start, and the result comes back with HiGHS' own
 * dual bound so the caller can state the proven gap.
 */
import highsLoader from 'highs';
import type { Model } from '../model.js';
import { csrOf } from './csr.js';
import { cumulative } from './cumulative.js';

export type Highs = Awaited<ReturnType<typeof highsLoader>>;

let shared: Promise<Highs> | undefined;
let sharedLocate: ((file: string) => string) | undefined;

/** Loads the WebAssembly module once per process (and again if the file location changes). */
export function loadHighs(locateFile?: (file: string) => string): Promise<Highs> {
  if (!shared || sharedLocate !== locateFile) {
    sharedLocate = locateFile;
    shared = highsLoader(locateFile ? { locateFile } : {});
  }
  return shared;
}

export interface EngineResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  /** Column values rounded to 0/1, when a solution exists. */
  x: number[] | null;
  /** Objective including the model's offset. */
  objective: number | null;
  /** Proven lower bound including the offset. */
  bound: number | null;
  /** Branch-and-bound nodes and LP iterations spent: a measure of effort that, unlike time, does not depend on load. */
  work?: { nodes: number; lpIterations: number };
  /** LP relaxations solved to optimality: the row duals, in the cumulative form's row order (see fixing.ts). */
  rowDual?: Float64Array;
}

export interface EngineOptions {
  timeLimitSeconds: number;
  /** Relative gap at which the search may stop. */
  relGap: number;
  /** 0/1 start to seed the search with. */
  start?: number[];
  /** Solve the LP relaxation only. */
  relaxation?: boolean;
  /** Called on each improving solution; `x()` gives its 0/1 column values (x-form). */
  onProgress?: (incumbent: number | null, bound: number | null, x: (() => number[]) | null) => void;
  /** Extra HiGHS options (tuning experiments, benchmarks). */
  highsOptions?: Record<string, number | string | boolean>;
}

/** Solves the model (or its relaxation) with HiGHS; values come back in x-form. */
export function solveWithHighs(highs: Highs, model: Model, opts: EngineOptions): EngineResult {
  const cum = cumulative(model);
  const prog = cum.program;
  const n = prog.numCols;
  const m = prog.rows.length;
  if (n === 0) {
    // HiGHS has nothing to solve here (and no solution to read back): the empty plan is the only one.
    const holds = prog.rows.every((r) => r.lower <= 1e-9 && r.upper >= -1e-9);
    return holds
      ? { status: 'optimal', x: [], objective: prog.offset, bound: prog.offset }
      : { status: 'infeasible', x: null, objective: null, bound: null };
  }
  const { starts, indices, values } = csrOf(prog.rows);
  const inf = highs.infinity;
  const colLower = Float64Array.from(prog.lower);
  const colUpper = Float64Array.from(prog.upper);
  const integrality = opts.relaxation ? undefined : new Int32Array(n).fill(highs.constants.variableType.integer);
  const model_ = highs.createModel({
    numCols: n,
    numRows: m,
    offset: prog.offset,
    colCost: Float64Array.from(prog.cost),
    colLower,
    colUpper,
    rowLower: Float64Array.from(prog.rows, (r) => (Number.isFinite(r.lower) ? r.lower : -inf)),
    rowUpper: Float64Array.from(prog.rows, (r) => (Number.isFinite(r.upper) ? r.upper : inf)),
    matrix: { format: 'csr', numRows: m, numCols: n, starts, indices, values },
    ...(integrality ? { integrality } : {}),
  });
  try {
    model_.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, opts.timeLimitSeconds),
      mip_rel_gap: opts.relGap,
      mip_abs_gap: 1e-6,
      random_seed: 0,
      ...opts.highsOptions,
    });
    if (opts.start && !opts.relaxation) model_.setSolution({ colValue: Float64Array.from(cum.toY(opts.start)) });
    const callbacks = opts.onProgress
      ? {
          [highs.constants.callbackType.mipImprovingSolution]: (event: {
            data: { objective_function_value?: number; mip_dual_bound?: number; mip_solution?: Float64Array };
          }) => {
            const y = event.data.mip_solution;
            const x = y && y.length === n ? (): number[] => cum.toX(y).map((v) => (v > 0.5 ? 1 : 0)) : null;
            const b = event.data.mip_dual_bound;
            opts.onProgress?.(event.data.objective_function_value ?? null, b !== undefined && Number.isFinite(b) ? b : null, x);
          },
        }
      : undefined;
    model_.run(callbacks as never);
    const status = model_.getModelStatus();
    const S = highs.constants.modelStatus;
    if (status === S.infeasible || status === S.unboundedOrInfeasible) return { status: 'infeasible', x: null, objective: null, bound: null };
    // Limits and targets the caller set stop the search with its best solution so far.
    const stopped: number[] = [S.timeLimit, S.interrupted, S.iterationLimit, S.solutionLimit, S.objectiveTarget];
    if (status !== S.optimal && !stopped.includes(status)) {
      throw new Error(`HiGHS ended with model status ${status}`);
    }
    const sol = model_.getSolution();
    const info = model_.info;
    const hasPrimal = Number(info.get('primal_solution_status')) === 2;
    const objective = hasPrimal ? model_.getObjectiveValue() : null;
    let bound: number | null;
    if (opts.relaxation) bound = status === S.optimal ? objective : null;
    else {
      const b = Number(info.get('mip_dual_bound'));
      bound = Number.isFinite(b) ? b : null;
    }
    const counter = (name: string): number => {
      try {
        return Number(info.get(name));
      } catch {
        return 0; // not reported for this kind of solve
      }
    };
    const work = { nodes: opts.relaxation ? 0 : counter('mip_node_count'), lpIterations: counter('simplex_iteration_count') };
    const raw = hasPrimal ? cum.toX(sol.colValue) : null;
    const x = raw ? raw.map((v) => (v > 0.5 ? 1 : 0)) : null;
    const relaxed = raw && opts.relaxation ? raw : null;
    if (relaxed) {
      if (status !== S.optimal) return { status: 'unknown', x: relaxed, objective, bound, work };
      return { status: 'optimal', x: relaxed, objective, bound, work, rowDual: Float64Array.from(sol.rowDual) };
    }
    if (status === S.optimal && x) return { status: 'optimal', x, objective, bound: bound ?? objective, work };
    if (x) return { status: 'feasible', x, objective, bound, work };
    return { status: 'unknown', x: null, objective: null, bound, work };
  } finally {
    model_.dispose();
  }
}
