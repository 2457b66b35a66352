/** A row of a linear program as HiGHS' matrix takes it: the columns it touches and their coefficients. */
export interface SparseRow {
  readonly cols: ArrayLike<number>;
  readonly coefs: ArrayLike<number>;
}

/** The rows as one compressed sparse row matrix (HiGHS' `csr` format): row starts, column indices, values. */
export function csrOf(rows: readonly SparseRow[]): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  const starts = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach((row, i) => {
    starts[i] = nnz;
    nnz += row.cols.length;
  });
  starts[rows.length] = nnz;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (const row of rows) {
    for (let q = 0; q < row.cols.length; q++) {
      indices[k] = row.cols[q]!;
      values[k] = row.coefs[q]!;
      k++;
    }
  }
  return { starts, indices, values };
}
