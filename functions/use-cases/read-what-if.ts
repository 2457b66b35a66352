import type { Plan } from '../../solver/index.js';
import { NotFoundError, says } from '../lib/errors.js';
import type { PlanRepository } from '../lib/plan-repository.js';
import type { PlanRecord, WhatIfRecord } from '../lib/records.js';
import { SOLVED_STATUSES } from '../lib/rules.js';

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
