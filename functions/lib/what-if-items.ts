import { gunzipSync, gzipSync } from 'node:zlib';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Plan } from '../../solver/index.js';
import { PlanStateError, StorageCorruptError, says } from './errors.js';
import { CURVE_PREFIX, curvePointPrefix, curvePointSk, curveSk, HEADER_SK, planPk, SCENARIO_PREFIX, scenarioSk, whatIfPlanPrefix } from './item-keys.js';
import { failureUpdate } from './failure-values.js';
import type { WhatIfItems } from './plan-repository.js';
import type { CurveRecord, VersionStatus, WhatIfRecord } from './records.js';
import { isUnfinished } from './rules.js';
import { isConditionFailure, joinParts, type TableIo } from './table-io.js';
import { parseWhatIfId, pointId, scenarioId, curveId } from './what-if-ids.js';

/*
 * What-if solves (SPEC 8): scenarios and trade-off curves, kept with their plan
 * and never made versions. Items:
 *
 *   PLAN#<id>   PLAN                       the header counts them: scenarioCount, curveCount (the ids' allocator)
 *   PLAN#<id>   SCENARIO#000001            scenario s1: name, changes, asOf, inputs, status, lease, figures
 *   PLAN#<id>   CURVE#000001               curve c1: vary, from, to, steps, inputs
 *   PLAN#<id>   CURVE#000001#P#03          point 3 of curve c1 (c1-3): as a scenario's record, with its value
 *   PLAN#<id>   W#s1#PLAN#000              the plan a what-if solve stored (gzipped JSON in parts)
 *
 * Records hold only bounded text (a name of at most 200 characters, changes
 * bounded by the data set's phases, ids); the plan is split into parts.
 */

const strip = (item: Record<string, unknown>): Record<string, unknown> => {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest;
};

/** The sort key of a what-if record from its id. */
function whatIfSk(id: string): string | undefined {
  const parsed = parseWhatIfId(id);
  if (parsed === undefined) return undefined;
  return parsed.kind === 'scenario' ? scenarioSk(parsed.scenario) : curvePointSk(parsed.curve, parsed.point);
}

export function createWhatIfItems(io: TableIo): WhatIfItems {
  const { client, tableName, send, getItem, putIfAbsent, putAll, partItems, queryPrefix, updateIf } = io;

  /** The next number of a counter on the header, below `max`; a PlanStateError when the plan has `max` already. */
  async function allocate(planId: string, counter: 'scenarioCount' | 'curveCount', max: number): Promise<number> {
    try {
      const output = await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: planPk(planId), sk: HEADER_SK },
            UpdateExpression: `SET ${counter} = if_not_exists(${counter}, :zero) + :one`,
            ConditionExpression: `attribute_exists(pk) AND (attribute_not_exists(${counter}) OR ${counter} < :max)`,
            ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': max },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return Number(output.Attributes?.[counter]);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new PlanStateError(says('error.whatIfLimit', { plan: planId, max, kind: counter === 'scenarioCount' ? 'scenario' : 'curve' }), { cause: error });
    }
  }

  const base = (planId: string) => ({ pk: planPk(planId) });

  return {
    async addScenario(input, max) {
      const n = await allocate(input.planId, 'scenarioCount', max);
      const record: WhatIfRecord = { ...input, id: scenarioId(n) };
      await putIfAbsent({ ...base(input.planId), sk: scenarioSk(n), type: 'scenario', ...record });
      return record;
    },

    async listScenarios(planId) {
      const items = await queryPrefix(planPk(planId), SCENARIO_PREFIX);
      return items.map((item) => strip(item) as unknown as WhatIfRecord);
    },

    async addCurve(input, points, max) {
      const n = await allocate(input.planId, 'curveCount', max);
      const curve: CurveRecord = { ...input, curveId: curveId(n) };
      const records = points.map((point, index): WhatIfRecord => ({ ...point, id: pointId(n, index + 1) }));
      // The points first, then the curve's record: a curve is there for readers once all its points are.
      await putAll(records.map((record, index) => ({ ...base(input.planId), sk: curvePointSk(n, index + 1), type: 'point', ...record })));
      await putIfAbsent({ ...base(input.planId), sk: curveSk(n), type: 'curve', ...curve });
      return { curve, points: records };
    },

    async listCurves(planId) {
      const items = await queryPrefix(planPk(planId), CURVE_PREFIX);
      return items.filter((item) => item.type === 'curve').map((item) => strip(item) as unknown as CurveRecord);
    },

    async getCurve(planId, n) {
      const [curve, points] = await Promise.all([getItem(planPk(planId), curveSk(n)), queryPrefix(planPk(planId), curvePointPrefix(n))]);
      if (curve === undefined) return undefined;
      return { curve: strip(curve) as unknown as CurveRecord, points: points.map((item) => strip(item) as unknown as WhatIfRecord) };
    },

    async listUnfinishedWhatIfs(planId) {
      const [scenarios, curves] = await Promise.all([queryPrefix(planPk(planId), SCENARIO_PREFIX), queryPrefix(planPk(planId), CURVE_PREFIX)]);
      return [...scenarios, ...curves]
        .filter((item) => (item.type === 'scenario' || item.type === 'point') && isUnfinished(item.status as VersionStatus))
        .map((item) => strip(item) as unknown as WhatIfRecord);
    },

    async getWhatIf(planId, id) {
      const sk = whatIfSk(id);
      const item = sk === undefined ? undefined : await getItem(planPk(planId), sk);
      return item === undefined ? undefined : (strip(item) as unknown as WhatIfRecord);
    },

    async startWhatIf(input) {
      const sk = whatIfSk(input.id);
      if (sk === undefined) return undefined;
      try {
        const output = await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: planPk(input.planId), sk },
              UpdateExpression: 'SET #status = :solving, leaseId = :lease, leaseUntil = :until, updatedAt = :now' + (input.holder === undefined ? '' : ', leaseHolder = :holder'),
              ConditionExpression:
                'attribute_exists(pk) AND (#status = :queued OR (#status = :solving AND leaseUntil < :nowMs)' +
                (input.takeOver === undefined ? ')' : ' OR (#status = :solving AND leaseId = :dead))'),
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':solving': 'solving', ':queued': 'queued', ':lease': input.leaseId, ':until': input.leaseUntil, ':now': input.now, ':nowMs': Date.parse(input.now),
                ...(input.holder === undefined ? {} : { ':holder': input.holder }),
                ...(input.takeOver === undefined ? {} : { ':dead': input.takeOver }),
              },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        return strip(output.Attributes as Record<string, unknown>) as unknown as WhatIfRecord;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async storeWhatIfResult(input) {
      const pk = planPk(input.planId);
      const sk = whatIfSk(input.id) as string;
      const text = gzipSync(JSON.stringify(input.plan)).toString('base64');
      const items = partItems(pk, whatIfPlanPrefix(input.id).slice(0, -1), text, 3);
      await putAll(items);
      const stored = failureUpdate(input.failure);
      return updateIf({
        Key: { pk, sk },
        UpdateExpression: 'SET #status = :status, figures = :figures, planParts = :parts, solvedAt = :now, updatedAt = :now' + stored.set + ' REMOVE leaseId, leaseUntil, leaseHolder',
        ConditionExpression: 'leaseId = :lease AND #status = :solving',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': input.status, ':figures': input.figures, ':parts': items.length, ':now': input.now, ':lease': input.leaseId, ':solving': 'solving',
          ...stored.values,
        },
      });
    },

    async endWhatIf(input) {
      const sk = whatIfSk(input.id);
      if (sk === undefined) return false;
      const status: VersionStatus = input.status;
      const stored = failureUpdate(input.failure);
      return updateIf({
        Key: { pk: planPk(input.planId), sk },
        UpdateExpression: 'SET #status = :status, updatedAt = :now' + stored.set + ' REMOVE leaseId, leaseUntil, leaseHolder',
        ConditionExpression:
          (input.leaseId === undefined ? '(#status = :queued OR #status = :solving)' : 'leaseId = :lease AND #status = :solving') +
          (input.expectedUpdatedAt === undefined ? '' : ' AND updatedAt = :expected'),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status, ':now': input.now,
          ...(input.leaseId === undefined ? { ':queued': 'queued', ':solving': 'solving' } : { ':lease': input.leaseId, ':solving': 'solving' }),
          ...stored.values,
          ...(input.expectedUpdatedAt === undefined ? {} : { ':expected': input.expectedUpdatedAt }),
        },
      });
    },

    async loadWhatIfPlan(record) {
      const items = await queryPrefix(planPk(record.planId), whatIfPlanPrefix(record.id));
      const parts = items.slice(0, record.planParts ?? 0);
      if (record.planParts === undefined || parts.length !== record.planParts) throw new StorageCorruptError(`Plan ${record.planId} ${record.id}: stored plan incomplete`);
      const text = joinParts(parts.map((item) => item.d as Uint8Array));
      return JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as Plan;
    },
  };
}
