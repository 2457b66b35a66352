import type { ReportScenario } from '../../solver/formats/index.js';
import type { Plan } from '../../solver/index.js';
import { NotFoundError, says } from '../lib/errors.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { PlanRecord, WhatIfRecord } from '../lib/records.js';
import { SOLVED_STATUSES } from '../lib/rules.js';
import { whatIfProblem } from './solve-what-if.js';

/** A plan's scenario or curve point by its id (`s1`, `c1-3`), or 404. */
export async function loadWhatIf(repo: PlanRepository, plan: PlanRecord, id: string): Promise<WhatIfRecord> {
  const record = await repo.getWhatIf(plan.planId, id);
  if (record === undefined) throw new NotFoundError(says('error.noScenario', { plan: plan.planId, scenario: id }));
  return record;
}

/** A what-if's stored plan once solved (optimal, feasible or infeasible with remedies), else undefined. */
export async function whatIfPlan(repo: PlanRepository, record: WhatIfRecord): Promise<Plan | undefined> {
  return SOLVED_STATUSES.has(record.status) ? repo.loadWhatIfPlan(record) : undefined;
}

/** The scenarios (or curve points) a report compares beside its plan, in the order asked: each solved one with its changed data set and plan; 404 for an unknown id. */
export async function reportScenarios(repo: PlanRepository, plan: PlanRecord, ids: readonly string[]): Promise<ReportScenario[]> {
  const records = await Promise.all(ids.map((id) => loadWhatIf(repo, plan, id)));
  return Promise.all(
    records.map(async (record): Promise<ReportScenario> => {
      const shown: ReportScenario = { id: record.id, name: record.name, changes: record.changes, asOf: record.asOf, status: record.status, ...(record.failure === undefined ? {} : { failure: record.failure }) };
      if (!SOLVED_STATUSES.has(record.status)) return shown;
      const [solvedPlan, { dataset }] = await Promise.all([repo.loadWhatIfPlan(record), whatIfProblem(repo, record)]);
      return { ...shown, solved: { dataset, plan: solvedPlan } };
    }),
  );
}
