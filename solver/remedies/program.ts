/**
 * A small mixed-integer program with columns of any kind (0/1 build decisions,
 * rule indicators, continuous shortfalls and extra money), solved by HiGHS. The
 * planner's own model (model.ts) has only build columns; the remedies' programs
 * add columns of other kinds, so they are written here, row by row.
 */
import { csrOf } from '../engines/csr.js';
import type { Highs } from '../engines/highs.js';

export interface ProgramRow {
  cols: number[];
  coefs: number[];
  lower: number;
  upper: number;
}

export class Program {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: boolean[] = [];
  readonly rows: ProgramRow[] = [];

  /** Adds a column and returns its index. */
  column(lower: number, upper: number, integer: boolean, cost = 0): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer);
    return this.cost.length - 1;
  }

  /** Adds a row lower <= Σ coefs·x[cols] <= upper (coefficients of a repeated column add up). */
  row(cols: number[], coefs: number[], lower: number, upper: number): void {
    const acc = new Map<number, number>();
    cols.forEach((j, q) => acc.set(j, (acc.get(j) ?? 0) + coefs[q]!));
    const kept = [...acc.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
    this.rows.push({ cols: kept.map(([j]) => j), coefs: kept.map(([, v]) => v), lower, upper });
  }

  /** Value of Σ cost·x for a solution. */
  value(x: readonly number[], cost: readonly number[] = this.cost): number {
    return cost.reduce((sum, c, j) => sum + c * (x[j] ?? 0), 0);
  }
}

export interface ProgramResult {
  /** optimal: proven within the asked gap; feasible: stopped by the time limit with a solution. */
  status: 'optimal' | 'feasible' | 'infeasible' | 'unknown';
  x: number[] | null;
  objective: number | null;
  /** Proven lower bound of the objective. */
  bound: number | null;
}

export interface ProgramOptions {
  /** Objective to minimise, one coefficient per column (default the program's `cost`). */
  cost?: number[];
  timeLimitSeconds: number;
  relGap: number;
  absGap: number;
  /** A solution to start from (HiGHS keeps it as its first incumbent when it is feasible). */
  start?: number[];
}

/** Solves the program with HiGHS: integer columns rounded, the proven bound returned beside the solution. */
export function solveProgram(highs: Highs, program: Program, opts: ProgramOptions): ProgramResult {
  const n = program.cost.length;
  const m = program.rows.length;
  const cost = opts.cost ?? program.cost;
  const { starts, indices, values } = csrOf(program.rows);
  const inf = highs.infinity;
  const finite = (v: number): number => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const { integer, continuous } = highs.constants.variableType;
  const model = highs.createModel({
    numCols: n,
    numRows: m,
    offset: 0,
    colCost: Float64Array.from(cost),
    colLower: Float64Array.from(program.lower, finite),
    colUpper: Float64Array.from(program.upper, finite),
    rowLower: Float64Array.from(program.rows, (r) => finite(r.lower)),
    rowUpper: Float64Array.from(program.rows, (r) => finite(r.upper)),
    matrix: { format: 'csr', numRows: m, numCols: n, starts, indices, values },
    integrality: Int32Array.from(program.integer, (b) => (b ? integer : continuous)),
  });
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, opts.timeLimitSeconds),
      mip_rel_gap: opts.relGap,
      mip_abs_gap: opts.absGap,
      random_seed: 0,
    });
    if (opts.start) model.setSolution({ colValue: Float64Array.from(opts.start) });
    model.run();
    const status = model.getModelStatus();
    const S = highs.constants.modelStatus;
    if (status === S.infeasible || status === S.unboundedOrInfeasible) return { status: 'infeasible', x: null, objective: null, bound: null };
    const stopped: number[] = [S.timeLimit, S.interrupted, S.iterationLimit, S.solutionLimit];
    if (status !== S.optimal && !stopped.includes(status)) throw new Error(`HiGHS ended with model status ${status}`);
    const info = model.info;
    const hasPrimal = Number(info.get('primal_solution_status')) === 2;
    const b = Number(info.get('mip_dual_bound'));
    const bound = Number.isFinite(b) ? b : null;
    if (!hasPrimal) return { status: 'unknown', x: null, objective: null, bound };
    const raw = model.getSolution().colValue;
    const x = Array.from(raw, (v, j) => (program.integer[j] ? Math.round(v) : v));
    const objective = program.value(x, cost);
    return { status: status === S.optimal ? 'optimal' : 'feasible', x, objective, bound: status === S.optimal ? (bound ?? objective) : bound };
  } finally {
    model.dispose();
  }
}
