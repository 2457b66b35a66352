/**
 * The planner: canonical problem -> sizing -> model -> engines -> plan.
 */
import { assemblePlan, assignmentFromColumns, evaluate, type Assignment } from './assemble.js';
import { diagnoseBudgets } from './diagnose.js';
import { loadHighs } from './engines/highs.js';
import { search } from './search.js';
import { deferBuilds } from './tiebreak.js';
import { msg } from './messages.js';
import { buildModel } from './model.js';
import { normalize } from './normalize.js';
import { OPTIMALITY_GAP, relativeGap } from './rules.js';
import { findRemedies } from './remedies/index.js';
import { sizeProblem } from './sizing.js';
import type { Dataset, Plan, SolveOptions, SolveProgress } from './types.js';

export { OPTIMALITY_GAP } from './rules.js';

export const defaultSolveOptions = {
  timeLimitSeconds: 600,
  remediesTimeLimitSeconds: 30,
};

/** Cheapest phased build-out for a valid data set (SPEC v1 sections 2-5). */
export async function solvePlan(dataset: Dataset, options: SolveOptions = {}): Promise<Plan> {
  const opts = { ...defaultSolveOptions, ...options };
  const started = Date.now();
  const deadline = started + opts.timeLimitSeconds * 1000;
  const progress = (p: Omit<SolveProgress, 'elapsedMs'>): void => opts.onProgress?.({ ...p, elapsedMs: Date.now() - started });

  progress({ stage: 'sizing' });
  const problem = normalize(dataset);
  const sizing = sizeProblem(problem);
  progress({ stage: 'model' });
  const model = buildModel(problem, sizing);
  const stats = (engine: string): Plan['stats'] => ({ ms: Date.now() - started, engine, columns: model.columns.length, rows: model.rows.length });
  const finish = (plan: Plan): Plan => {
    progress({ stage: 'done', incumbent: plan.objective, bound: plan.bound, message: plan.status });
    return plan;
  };

  const highs = (): ReturnType<typeof loadHighs> => loadHighs(opts.locateHighsFile);
  /**
   * An infeasible plan carries its remedies (SPEC section 7), searched for at most
   * `remediesTimeLimitSeconds` (and never past the plan's own limit): a planner asks
   * "what would it take" while waiting, so the answer must not cost minutes where the
   * diagnosis took a second. A remedy cut short is `feasible` with its gap, as SPEC 7 allows.
   */
  const withRemedies = async (plan: Plan): Promise<Plan> => {
    progress({ stage: 'remedies' });
    const remediesDeadline = Math.min(deadline, Date.now() + opts.remediesTimeLimitSeconds * 1000);
    return { ...plan, remedies: findRemedies(problem, sizing, model, await highs(), remediesDeadline, OPTIMALITY_GAP) };
  };

  if (model.diagnosis.length > 0) {
    return finish(
      await withRemedies(
        assemblePlan(problem, sizing, model, null, {
          status: 'infeasible',
          bound: null,
          warnings: model.warnings,
          diagnosis: model.diagnosis,
          stats: stats('presolve'),
        }),
      ),
    );
  }

  const secondsLeft = (): number => Math.max(0.05, (deadline - Date.now()) / 1000);
  progress({ stage: 'search', message: `${model.columns.length} columns, ${model.rows.length} rows` });
  const result = await search({
    problem,
    sizing,
    model,
    highs,
    deadline,
    gap: OPTIMALITY_GAP,
    report: (stage, incumbent, bound, message, x) =>
      progress({
        stage,
        incumbent,
        bound,
        ...(message ? { message } : {}),
        ...(x ? { incumbentPlan: () => incumbentPlan(x(), bound) } : {}),
      }),
  });

  if (result.status === 'infeasible') {
    return finish(
      await withRemedies(
        assemblePlan(problem, sizing, model, null, {
          status: 'infeasible',
          bound: null,
          warnings: model.warnings,
          diagnosis: diagnoseBudgets(problem, model, await highs(), secondsLeft()),
          stats: stats(result.engine),
        }),
      ),
    );
  }
  if (!result.assign) {
    return finish(
      assemblePlan(problem, sizing, model, null, {
        status: 'unknown',
        bound: result.bound,
        warnings: [...model.warnings, msg('search.noPlan')],
        diagnosis: [],
        stats: stats(result.engine),
      }),
    );
  }
  return finish(settle(problem, sizing, model, result.assign, result.bound, stats(result.engine)));

  /** A plan of engine columns met during the search, or null when it fails the plan checker. */
  function incumbentPlan(x: number[], bound: number | null): Plan | null {
    const a = assignmentFromColumns(problem, model, x);
    if (evaluate(problem, sizing, model, a).violations.length > 0) return null;
    return settle(problem, sizing, model, a, bound, stats('incumbent'), 'search.goesOn');
  }

  function settle(
    p: typeof problem,
    sz: typeof sizing,
    m: typeof model,
    a: Assignment,
    bound: number | null,
    st: Plan['stats'],
    unproven: 'search.stoppedAtLimit' | 'search.goesOn' = 'search.stoppedAtLimit',
  ): Plan {
    a = deferBuilds(p, sz, m, a);
    const ev = evaluate(p, sz, m, a);
    if (ev.violations.length > 0) {
      throw new Error(`internal error: engine plan breaks constraints: ${ev.violations.slice(0, 3).join('; ')}`);
    }
    const gap = bound === null ? null : relativeGap(ev.objective, bound);
    const optimal = gap !== null && gap <= OPTIMALITY_GAP;
    const warnings = [...m.warnings];
    if (!optimal) warnings.push(msg(unproven, { gapPercent: ((gap ?? 1) * 100).toFixed(4) }));
    return assemblePlan(p, sz, m, a, { status: optimal ? 'optimal' : 'feasible', bound, warnings, diagnosis: [], stats: st });
  }
}
