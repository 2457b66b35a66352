import type { Plan } from '../../solver/index.js';
import { plainDetails } from '../../solver/messages.js';
import type { CurveRecord, WhatIfRecord } from '../lib/records.js';
import { isUnfinished } from '../lib/rules.js';
import type { CurvePointView, CurveView, ScenarioView } from './shapes.js';

/** A scenario or a curve's point as the API shows it (SPEC 8), without its plan. */
export function presentScenario(record: WhatIfRecord): ScenarioView {
  return {
    scenarioId: record.id,
    name: record.name,
    changes: record.changes,
    asOf: record.asOf ?? null,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.solvedAt === undefined ? {} : { solvedAt: record.solvedAt }),
    ...(record.failure === undefined ? {} : { failure: record.failure, failureDetail: record.failureDetail ?? plainDetails([record.failure])[0]! }),
    dataRevision: record.dataRevision,
    ...(record.figures === undefined ? {} : { figures: record.figures }),
  };
}

const NO_FIGURES = { objective: null, capex: null, rulesMet: null, rulesTotal: null, shortfall: null, extraBudget: null };

/** One point of a curve: its figures once solved, nulls while queued or solving (or failed). */
function presentPoint(record: WhatIfRecord): CurvePointView {
  return { scenarioId: record.id, value: record.value ?? 0, status: record.status, ...NO_FIGURES, ...(record.figures ?? {}) };
}

/** A curve as the API shows it (SPEC 8): its question and its points in value order, filled in as they finish. */
export function presentCurve(curve: CurveRecord, points: WhatIfRecord[]): CurveView {
  const shown = points.map(presentPoint);
  return {
    planId: curve.planId,
    ...presentCurveHead(curve),
    pending: shown.filter((point) => isUnfinished(point.status)).length,
    points: shown,
  };
}

export function presentCurveHead(curve: CurveRecord) {
  return {
    curveId: curve.curveId, vary: curve.vary, from: curve.from, to: curve.to, steps: curve.steps,
    ...(curve.remediesTimeLimitSeconds === undefined ? {} : { remediesTimeLimitSeconds: curve.remediesTimeLimitSeconds }),
    dataRevision: curve.dataRevision, createdBy: curve.createdBy, createdAt: curve.createdAt,
  };
}

/** A scenario with its plan, once solved. */
export function presentScenarioDetail(record: WhatIfRecord, province: string, plan: Plan | undefined) {
  return { planId: record.planId, province, ...presentScenario(record), ...(plan === undefined ? {} : { plan }) };
}
