/**
 * The cumulative ("step") form of the model. Instead of x[s,k] = "built in
 * phase k", its columns are y[s,t] = "covered by phase t", with
 * y[s,t-1] <= y[s,t]. Both describe the same polytope, but coverage and spacing
 * rows touch one column per site instead of one per earlier phase, and a branch
 * on y[s,t] splits the search in two meaningful halves ("covered by t or not")
 * where a branch on x[s,k] barely moves the bound. Branch-and-bound on this form
 * closes the tiny gaps that binding budgets leave far sooner.
 */
import type { Model } from '../model.js';

export interface SparseProgram {
  numCols: number;
  cost: number[];
  offset: number;
  lower: number[];
  upper: number[];
  rows: { cols: number[]; coefs: number[]; lower: number; upper: number }[];
}

export interface Cumulative {
  program: SparseProgram;
  /** Maps y values back to x values. */
  toX(y: ArrayLike<number>): number[];
  /** Maps x values to y values. */
  toY(x: ArrayLike<number>): number[];
}

export function cumulative(model: Model): Cumulative {
  const n = model.columns.length;
  // Column j of the model is x[s,k] and column j of this form is y[s,k]: sites' columns
  // are contiguous and in phase order, so y[s,k-1] is column j-1 of the same site.
  const prevOf = model.columns.map((c, j) => (j > 0 && model.columns[j - 1]!.site === c.site ? j - 1 : -1));
  // x_j = y_j - y_prev(j): a coefficient a on x_j becomes +a on y_j and -a on y_prev(j).
  const cost = new Array<number>(n).fill(0);
  model.columns.forEach((c, j) => {
    cost[j]! += c.cost;
    const p = prevOf[j]!;
    if (p >= 0) cost[p]! -= c.cost;
  });
  const rows: SparseProgram['rows'] = [];
  for (const r of model.rows) {
    const acc = new Map<number, number>();
    if (r.kind === 'choice') {
      // Σ_k x[s,k] = y[s,last]: the row becomes a bound on the last column.
      const last = r.cols[r.cols.length - 1]!;
      rows.push({ cols: [last], coefs: [1], lower: r.lower, upper: r.upper });
      continue;
    }
    r.cols.forEach((j, q) => {
      const a = r.coefs[q]!;
      acc.set(j, (acc.get(j) ?? 0) + a);
      const p = prevOf[j]!;
      if (p >= 0) acc.set(p, (acc.get(p) ?? 0) - a);
    });
    const cols: number[] = [];
    const coefs: number[] = [];
    [...acc.entries()].sort((a, b) => a[0] - b[0]).forEach(([j, v]) => {
      if (Math.abs(v) > 1e-9) cols.push(j), coefs.push(v);
    });
    rows.push({ cols, coefs, lower: r.lower, upper: r.upper });
  }
  // Monotone: y[s,k-1] - y[s,k] <= 0.
  model.columns.forEach((_, j) => {
    const p = prevOf[j]!;
    if (p >= 0) rows.push({ cols: [p, j], coefs: [1, -1], lower: -Infinity, upper: 0 });
  });
  const lower = new Array<number>(n).fill(0);
  const upper = new Array<number>(n).fill(1);
  const toX = (y: ArrayLike<number>): number[] =>
    model.columns.map((_, j) => {
      const p = prevOf[j]!;
      return (y[j] ?? 0) - (p >= 0 ? (y[p] ?? 0) : 0);
    });
  const toY = (x: ArrayLike<number>): number[] => {
    const y = new Array<number>(n).fill(0);
    model.columns.forEach((_, j) => {
      const p = prevOf[j]!;
      y[j] = (x[j] ?? 0) + (p >= 0 ? y[p]! : 0);
    });
    return y;
  };
  return { program: { numCols: n, cost, offset: model.offset, lower, upper, rows }, toX, toY };
}
