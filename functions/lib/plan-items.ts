import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { StorageCorruptError } from './errors.js';
import {
  createdGsiSk,
  CURSOR_SHAPES,
  HEADER_SK,
  planPk,
  provinceGsiPk,
  PROVINCES_PK,
  provinceSk,
  revisionSk,
  toPlan,
  toVersion,
  versionSk,
} from './item-keys.js';
import type { NewPlan, PageRequest, PlanItems } from './plan-repository.js';
import type { Page, PlanRecord, VersionRecord } from './records.js';
import { decodeCursor, encodeCursor, invalidCursor, isConditionFailure, type TableIo } from './table-io.js';
import { TABLE_KEYS } from './table-keys.js';

/*
 * Plans and their committed versions: a submission's first revision, version
 * and header; reading a plan or version; the listings by province and by plan.
 *
 *   PLAN#<id>   PLAN             plan header: province, name, latestVersion (the commit pointer),
 *                                latestStatus, lastTick; gsi1 = PROVINCE#<p> / <createdAt>#<id>
 *   PLAN#<id>   VERSION#000001   one version: status, trigger, data set ref, objective, bound, gap, lease
 *   PROVINCES   PROVINCE#<p>     each province's newest plan, for the scheduled regeneration
 */
export function createPlanItems(io: TableIo): PlanItems {
  const { client, tableName, send, queryAll, getItem } = io;

  return {
    /**
     * Creates version 1 and then the header that commits it. Both writes are
     * conditional on absence, so a retry (or a concurrent duplicate) of the
     * same submission finishes an interrupted one instead of duplicating it.
     */
    async createPlan(input: NewPlan): Promise<PlanRecord> {
      const pk = planPk(input.planId);
      const revision: Record<string, unknown> = {
        pk, sk: revisionSk(1), type: 'revision', planId: input.planId, revision: 1, ...input.dataset,
        phases: input.phases ?? [], submittedBy: input.submittedBy ?? 'unknown', submittedAt: input.now,
      };
      // Version 1 is the plain plan of the submitted data set (SPEC 6.3): no as-of date, nothing closed, no report.
      const version: Record<string, unknown> = {
        pk, sk: versionSk(1), type: 'version', planId: input.planId, province: input.province, version: 1,
        status: 'queued', trigger: 'submit', createdAt: input.now, updatedAt: input.now, attempts: 0,
        ...input.dataset,
        asOf: null, dataRevision: 1, progressReportId: null, progressAsOf: null, closedPhases: [],
        ...(input.modelVersion === undefined ? {} : { modelVersion: input.modelVersion }),
      };
      const header: Record<string, unknown> = {
        pk, sk: HEADER_SK, type: 'plan', planId: input.planId, province: input.province, name: input.name,
        createdAt: input.now, updatedAt: input.now, latestVersion: 1, latestStatus: 'queued', latestRevision: 1,
        gsi1pk: provinceGsiPk(input.province), gsi1sk: createdGsiSk(input.now, input.planId),
      };
      for (const item of [revision, version, header]) {
        try {
          await send('PutItem', () =>
            client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      // Newest plan per province, for the schedule; an older concurrent submission must not win.
      try {
        await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: PROVINCES_PK, sk: provinceSk(input.province) },
              UpdateExpression: 'SET province = :p, latestPlanId = :id, latestCreatedAt = :at',
              ConditionExpression: 'attribute_not_exists(latestCreatedAt) OR latestCreatedAt <= :at',
              ExpressionAttributeValues: { ':p': input.province, ':id': input.planId, ':at': input.now },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const stored = await getItem(pk, HEADER_SK);
      if (stored === undefined) throw new StorageCorruptError(`Plan ${input.planId}: header missing after create`);
      return toPlan(stored);
    },

    async getPlan(planId: string): Promise<PlanRecord | undefined> {
      const item = await getItem(planPk(planId), HEADER_SK);
      return item === undefined ? undefined : toPlan(item);
    },

    async getVersion(planId: string, version: number): Promise<VersionRecord | undefined> {
      const item = await getItem(planPk(planId), versionSk(version));
      return item === undefined ? undefined : toVersion(item);
    },

    /** A province's plans, newest first. */
    async listPlans(province: string, page: PageRequest): Promise<Page<PlanRecord>> {
      const gsi1pk = provinceGsiPk(province);
      const startKey = decodeCursor(page.cursor, { gsi1pk, pk: CURSOR_SHAPES.planPk, sk: HEADER_SK, gsi1sk: CURSOR_SHAPES.createdGsiSk }, ['pk', 'sk', 'gsi1pk', 'gsi1sk']);
      const output = await send('Query', () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: TABLE_KEYS.index.name,
            KeyConditionExpression: 'gsi1pk = :g',
            ExpressionAttributeValues: { ':g': gsi1pk },
            ScanIndexForward: false,
            Limit: page.limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      return {
        items: (output.Items ?? []).map((item) => toPlan(item as Record<string, unknown>)),
        nextCursor: encodeCursor(output.LastEvaluatedKey),
      };
    },

    /** Committed versions of a plan, newest first. */
    async listVersions(planId: string, latestVersion: number, page: PageRequest): Promise<Page<VersionRecord>> {
      const pk = planPk(planId);
      const from = versionSk(1);
      const to = versionSk(latestVersion);
      const startKey = decodeCursor(page.cursor, { pk, sk: CURSOR_SHAPES.versionSk }, ['pk', 'sk']);
      // DynamoDB refuses a start key outside the key condition's range.
      if (startKey !== undefined && (startKey.sk! < from || startKey.sk! > to)) throw invalidCursor();
      const output = await send('Query', () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            // Starting below the first uncommitted version keeps pages full and hides in-flight writes.
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
            ScanIndexForward: false,
            Limit: page.limit,
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        ),
      );
      return {
        items: (output.Items ?? []).map((item) => toVersion(item as Record<string, unknown>)),
        nextCursor: encodeCursor(output.LastEvaluatedKey),
      };
    },

    /** The newest `limit` plans across every province (each province's newest, merged newest first), and the provinces with plans. */
    async listNewestPlans(limit: number): Promise<{ provinces: string[]; items: PlanRecord[] }> {
      const provinces = (await this.listProvinces()).map((entry) => entry.province).sort();
      const pages = await Promise.all(provinces.map((province) => this.listPlans(province, { limit })));
      const newestFirst = (a: PlanRecord, b: PlanRecord) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.planId < b.planId ? 1 : -1);
      return { provinces, items: pages.flatMap((page) => page.items).sort(newestFirst).slice(0, limit) };
    },

    /** Every province with its newest plan id (for the scheduled regeneration). */
    async listProvinces(): Promise<{ province: string; latestPlanId: string }[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PROVINCES_PK },
        ConsistentRead: true,
      });
      return items.map((item) => ({ province: String(item.province), latestPlanId: String(item.latestPlanId) }));
    },
  };
}
