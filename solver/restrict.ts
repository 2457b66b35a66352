/**
 * A model over some of the columns and rows of another, and the map of its
 * solutions back: the sub-models the search solves (the phase-free set model, the
 * phasing of a chosen set, the neighbourhood of the LP solution).
 */
import type { Model, Row } from './model.js';

/**
 * A model over some of the columns and rows of another, the map of its solutions
 * back (lift), and of a solution of the other that uses only kept columns to it
 * (project; null when the solution uses a column that was left out).
 */
export interface Restricted {
  model: Model;
  /** Maps a solution of the restricted model to the other model's columns. */
  lift: (x: number[]) => number[];
  /** Maps a solution of the other model to the restricted one's, or null when it uses a column left out. */
  project: (x: number[]) => number[] | null;
}

export function restrict(
  model: Model,
  keepColumn: (c: Model['columns'][number], j: number) => boolean,
  keepRow: (r: Row) => boolean,
  edit: (r: Row) => Row = (r) => r,
): Restricted {
  const index = new Map<number, number>();
  const columns = model.columns.filter((c, j) => {
    if (!keepColumn(c, j)) return false;
    index.set(j, index.size);
    return true;
  });
  const original = [...index.keys()];
  const rows: Row[] = [];
  for (const row of model.rows) {
    if (!keepRow(row)) continue;
    const r = edit(row);
    const cols: number[] = [];
    const coefs: number[] = [];
    r.cols.forEach((j, q) => {
      const k = index.get(j);
      if (k !== undefined) cols.push(k), coefs.push(r.coefs[q]!);
    });
    // A row with no columns left either always holds or never can; keep only the second kind.
    if (cols.length === 0 && r.lower <= 0 && r.upper >= 0) continue;
    rows.push({ ...r, cols, coefs });
  }
  const lift = (x: number[]): number[] => {
    const full = new Array<number>(model.columns.length).fill(0);
    x.forEach((v, k) => (full[original[k]!] = v));
    return full;
  };
  const project = (x: number[]): number[] | null =>
    x.every((v, j) => v === 0 || index.has(j)) ? original.map((j) => x[j] ?? 0) : null;
  return { model: { ...model, columns, rows }, lift, project };
}


/** The model over the columns `keep` keeps (by index), every row kept, and the `required` sites made required (their choice row = 1). */
export function restrictRequired(model: Model, keep: (j: number) => boolean, required: ReadonlySet<number>): Restricted {
  return restrict(
    model,
    (_, j) => keep(j),
    () => true,
    (r) => (r.kind === 'choice' && r.cols.length > 0 && required.has(model.columns[r.cols[0]!]!.site) ? { ...r, lower: 1 } : r),
  );
}
