import { randomUUID } from 'node:crypto';
import { checkCurve, closedPhaseIds, PLANNER_MODEL_VERSION, scenarioDataset, type Dataset } from '../../solver/index.js';
import { requireWrite, type Caller } from '../lib/auth.js';
import { ValidationFailedError } from '../lib/errors.js';
import { LIMITS } from '../lib/limits.js';
import type { NewWhatIf } from '../lib/plan-repository.js';
import type { DatasetRef, PlanRecord, VersionInputs, WhatIfRecord } from '../lib/records.js';
import type { Deps } from './deps.js';
import { enqueue } from './enqueue.js';
import { once, planWriteKeys } from './idempotency.js';
import { reportFor } from './inputs.js';
import { latestRevision } from './revisions.js';

/*
 * Asking "what if" of a plan (SPEC 8): a scenario, or a trade-off curve whose
 * points are scenarios of one varied number. Each is checked against the
 * plan's latest data set revision first (problems by JSON path, nothing
 * stored), then stored beside the plan and solved in the background, one
 * queue job per scenario and per point. They never make a version.
 */

export interface ScenarioAccepted {
  scenarioId: string;
  status: string;
}

export interface CurveAccepted {
  curveId: string;
  status: string;
  points: string[];
}

/** What a what-if solve starts from: the latest revision, its data set, and for `asOf` the report it counts (SPEC 6.3). */
async function startingPoint(deps: Deps, plan: PlanRecord, asOf: string | undefined): Promise<{ dataset: Dataset; ref: DatasetRef; inputs: VersionInputs }> {
  const revision = await latestRevision(deps.repo, plan);
  const [dataset, reports] = await Promise.all([deps.repo.loadDataset(plan.planId, revision), asOf === undefined ? Promise.resolve([]) : deps.repo.listReports(plan.planId)]);
  const report = asOf === undefined ? undefined : reportFor(reports, asOf);
  const inputs: VersionInputs = {
    dataRevision: revision.revision,
    progressReportId: report?.reportId ?? null,
    progressAsOf: report?.asOf ?? null,
    closedPhases: asOf === undefined ? [] : closedPhaseIds(dataset, asOf),
    modelVersion: PLANNER_MODEL_VERSION,
  };
  const ref = { datasetHash: revision.datasetHash, datasetParts: revision.datasetParts, serviceAreas: revision.serviceAreas };
  return { dataset, ref, inputs };
}

/** Runs a what-if write once per Idempotency-Key (none: once per request), finding what an interrupted earlier attempt made. */
function onceWithKey<T>(deps: Deps, plan: PlanRecord, write: 'scenario' | 'curve', key: string | undefined, body: unknown, work: (requestId: string, earlier: boolean) => Promise<T>) {
  const records = key === undefined ? undefined : planWriteKeys(deps.repo, plan.planId, write, key);
  return once(records, { key, body, now: deps.clock().toISOString(), newTarget: () => randomUUID() }, work);
}

async function enqueueQueued(deps: Deps, records: WhatIfRecord[]): Promise<void> {
  for (const record of records) if (record.status === 'queued') await enqueue(deps.queue, { planId: record.planId, whatIf: record.id });
}

/** POST /v1/plans/{planId}/scenarios: `{name, changes, asOf?}` -> the queued scenario `s<n>`. */
export async function createScenario(deps: Deps, caller: Caller, plan: PlanRecord, key: string | undefined, body: unknown): Promise<{ result: ScenarioAccepted; replayed: boolean }> {
  requireWrite(caller, plan.province);
  const asOf = typeof body === 'object' && body !== null && typeof (body as { asOf?: unknown }).asOf === 'string' ? (body as { asOf: string }).asOf : undefined;
  const start = await startingPoint(deps, plan, asOf);
  const checked = scenarioDataset(body, start.dataset);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'scenario');
  const { scenario } = checked;
  return onceWithKey(deps, plan, 'scenario', key, body, async (requestId, earlier) => {
    const existing = earlier ? (await deps.repo.listScenarios(plan.planId)).find((record) => record.requestId === requestId) : undefined;
    const now = deps.clock().toISOString();
    const record =
      existing ??
      (await deps.repo.addScenario(
        { ...whatIf(plan, caller, start, now, requestId), name: scenario.name, changes: scenario.changes, asOf: scenario.asOf ?? null },
        LIMITS.scenariosPerPlan,
      ));
    await enqueueQueued(deps, [record]);
    if (existing === undefined) deps.log.info('scenario created', { planId: plan.planId, province: plan.province, scenario: record.id });
    return { scenarioId: record.id, status: record.status };
  });
}

/** POST /v1/plans/{planId}/curves: `{vary, from, to, steps, remediesTimeLimitSeconds?}` -> the curve `c<n>`, one queued job per point. */
export async function createCurve(deps: Deps, caller: Caller, plan: PlanRecord, key: string | undefined, body: unknown): Promise<{ result: CurveAccepted; replayed: boolean }> {
  requireWrite(caller, plan.province);
  const start = await startingPoint(deps, plan, undefined);
  const checked = checkCurve(body, start.dataset);
  if (!checked.ok) throw new ValidationFailedError(checked.issues, 'curve');
  const { curve, points } = checked;
  return onceWithKey(deps, plan, 'curve', key, body, async (requestId, earlier) => {
    const curves = earlier ? await deps.repo.listCurves(plan.planId) : [];
    const found = curves.find((record) => record.requestId === requestId);
    const now = deps.clock().toISOString();
    const common = whatIf(plan, caller, start, now, requestId);
    const { status: _status, updatedAt: _updatedAt, ...curveFields } = common;
    const limit = curve.remediesTimeLimitSeconds === undefined ? {} : { remediesTimeLimitSeconds: curve.remediesTimeLimitSeconds };
    const made =
      found === undefined
        ? await deps.repo.addCurve(
            { ...curveFields, vary: curve.vary, from: curve.from, to: curve.to, steps: curve.steps, ...limit },
            points.map((point): NewWhatIf => ({ ...common, name: point.scenario.name, changes: point.scenario.changes, asOf: null, value: point.value, ...limit })),
            LIMITS.curvesPerPlan,
          )
        : await deps.repo.getCurve(plan.planId, Number(found.curveId.slice(1)));
    if (made === undefined) throw new Error(`Plan ${plan.planId}: curve ${found?.curveId} vanished`);
    await enqueueQueued(deps, made.points);
    if (found === undefined) deps.log.info('curve created', { planId: plan.planId, province: plan.province, curve: made.curve.curveId, points: made.points.length });
    return { curveId: made.curve.curveId, status: 'queued', points: made.points.map((point) => point.id) };
  });
}

/** The fields every what-if record of one request shares. */
function whatIf(plan: PlanRecord, caller: Caller, start: { ref: DatasetRef; inputs: VersionInputs }, now: string, requestId: string) {
  return { planId: plan.planId, ...start.ref, ...start.inputs, status: 'queued' as const, createdBy: caller.subject, createdAt: now, updatedAt: now, requestId };
}
