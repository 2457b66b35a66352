/**
 * The comparison the benchmark reports: the same MILP (one binary per site and
 * build phase, SPEC section 3 rows) written as CPLEX LP text and handed to HiGHS
 * with its default settings, the way a first implementation would.
 */
import type { Highs } from '../../solver/engines/highs.js';
import type { Model } from '../../solver/model.js';

export function modelToLp(model: Model): string {
  const term = (a: number, j: number): string => `${a >= 0 ? '+' : '-'} ${Math.abs(a)} x${j}`;
  const lines: string[] = ['Minimize', ` obj: ${model.columns.map((c, j) => term(c.cost, j)).join(' ') || '0 x0'}`, 'Subject To'];
  model.rows.forEach((r, i) => {
    const lhs = r.cols.map((j, q) => term(r.coefs[q]!, j)).join(' ');
    if (!lhs) return;
    if (r.lower === r.upper) lines.push(` r${i}: ${lhs} = ${r.lower}`);
    else {
      if (Number.isFinite(r.lower)) lines.push(` r${i}l: ${lhs} >= ${r.lower}`);
      if (Number.isFinite(r.upper)) lines.push(` r${i}u: ${lhs} <= ${r.upper}`);
    }
  });
  lines.push('Binary', ...model.columns.map((_, j) => ` x${j}`), 'End');
  return lines.join('\n');
}

export interface PlainResult {
  status: string;
  objective: number | null;
  ms: number;
}

/** Solves the model with plain HiGHS (LP text, default options but the time limit). */
export function solvePlain(highs: Highs, model: Model, timeLimitSeconds: number): PlainResult {
  const started = Date.now();
  const lp = modelToLp(model);
  const res = highs.solve(lp, { time_limit: timeLimitSeconds, output_flag: false, mip_rel_gap: 1e-6 } as never) as {
    Status: string;
    ObjectiveValue?: number;
  };
  const objective = res.ObjectiveValue === undefined ? null : res.ObjectiveValue + model.offset;
  return { status: res.Status, objective, ms: Date.now() - started };
}
