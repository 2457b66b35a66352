/**
 * What the searches that move sites between columns share (improve.ts, repair.ts,
 * kicks.ts): each row's value for a plan, whether a value lies within its row's bounds,
 * each site's columns, and the row changes of a move, summed into a scratch array that
 * is reused, so a check allocates nothing.
 */
import type { Model, Row } from './model.js';

/** How far a row's value may lie outside its bounds (the same sum in another order). */
export const ROW_TOL = 1e-9;

/** True when `value` lies within the row's bounds. */
export const withinRow = (row: Row, value: number): boolean => value >= row.lower - ROW_TOL && value <= row.upper + ROW_TOL;

/** Each row's value for the 0/1 column values `x`. */
export function rowActivity(model: Model, x: readonly number[]): number[] {
  return model.rows.map((r) => r.cols.reduce((sum, j, q) => sum + r.coefs[q]! * (x[j] ?? 0), 0));
}

/** Each site's columns (its build phases), by site index, in site order. */
export function columnsOfSites(model: Model): Map<number, number[]> {
  const sites = new Map<number, number[]>();
  model.columns.forEach((c, j) => {
    const list = sites.get(c.site) ?? [];
    list.push(j);
    sites.set(c.site, list);
  });
  return sites;
}

/** A site leaves column `from` (-1: it was not built) for column `to` (-1: it is dropped). */
export interface SiteMove {
  site: number;
  from: number;
  to: number;
}

export interface RowChanges {
  /** `delta[row]`: the change of each row the last `of` call returned (other entries are stale). */
  delta: Float64Array;
  /**
   * Rows the moves change, in the order they first touch them, their changes in `delta`.
   * The list and the array are reused: each call's result is read before the next call.
   */
  of: (ms: readonly SiteMove[]) => number[];
}

export function rowChanges(model: Model): RowChanges {
  const colRows: { row: number; coef: number }[][] = Array.from({ length: model.columns.length }, () => []);
  model.rows.forEach((r, i) => r.cols.forEach((j, q) => colRows[j]!.push({ row: i, coef: r.coefs[q]! })));
  const delta = new Float64Array(model.rows.length);
  const mark = new Int32Array(model.rows.length);
  const touched: number[] = [];
  let stamp = 0;
  const add = (j: number, sign: number): void => {
    for (const { row, coef } of colRows[j]!) {
      if (mark[row] !== stamp) {
        mark[row] = stamp;
        delta[row] = 0;
        touched.push(row);
      }
      delta[row] = delta[row]! + sign * coef;
    }
  };
  const of = (ms: readonly SiteMove[]): number[] => {
    stamp += 1;
    touched.length = 0;
    for (const m of ms) {
      if (m.from >= 0) add(m.from, -1);
      if (m.to >= 0) add(m.to, 1);
    }
    return touched;
  };
  return { delta, of };
}
