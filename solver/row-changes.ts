/**
 * Row changes of moving sites between columns, for the searches that move one or two
 * sites at a time (improve.ts, repair.ts): the changes are summed into a scratch array
 * that is reused, so a check allocates nothing.
 */
import type { Model } from './model.js';

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
