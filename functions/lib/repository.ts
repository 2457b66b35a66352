import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, StorageCorruptError } from './errors.js';
import {
  canonicalJson,
  createTableIo,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isConditionFailure,
  sha256,
  type TableIoOptions,
} from './table-io.js';
import { createCycleItems, type DatasetRef, type ReviewState } from './cycle-items.js';
import { HEADER_SK, planPk, revisionSk, toVersion, versionSk } from './item-keys.js';
import { createDatasetItems } from './dataset-items.js';
import { createSolveItems } from './solve-items.js';
import { PLAN_ID_PATTERN, type VersionStatus } from './rules.js';
import { TABLE_KEYS } from './table-keys.js';

export type { DatasetRef } from './cycle-items.js';

/*
 * Single-table layout (pk / sk, GSI gsi1 on gsi1pk / gsi1sk):
 *
 *   PLAN#<id>            PLAN                          plan header: province, name, latestVersion (the commit pointer),
 *                                                      latestStatus, lastTick; gsi1 = PROVINCE#<p> / <createdAt>#<id>
 *   PLAN#<id>            VERSION#000001                one version: status, trigger, data set ref, objective, bound, gap, lease
 *   PLAN#<id>            DATASET#<hash>#0000           the data set's JSON, in parts of at most `partBytes`
 *   PLAN#<id>            V#000001#PHASE#00#000         one phase summary (per-phase item; split only if huge)
 *   PLAN#<id>            V#000001#NOTES#000            warnings and diagnosis
 *   PLAN#<id>            V#000001#TOP#000              the plan's other top-level fields (a re-plan's asOf, slipped, ...), key order kept
 *   PLAN#<id>            P#000001#0#000                the best plan so far of a version still solving (gzipped JSON, slot 0 or 1)
 *   PLAN#<id>            V#000001#SITE#00000#00        one site of the plan (per-site item), in plan order
 *   IDEM#<p>#<key>       IDEM                          idempotency record: body hash -> plan id
 *   PROVINCES            PROVINCE#<p>                  each province's newest plan, for the scheduled regeneration
 *
 * The repository is composed of four parts: plans and versions here; data sets
 * and the submission's idempotency in dataset-items.ts; solving (leases,
 * progress, stored plans) in solve-items.ts;
 * the planning cycle's items (revisions, progress reports, review decisions) in
 * cycle-items.ts. Keys are built in item-keys.ts.
 *
 * Item sizes: no item can reach DynamoDB's 400 KB limit. Values of unbounded size
 * (data sets, reports, plan phases, notes, sites) are split into parts of at most
 * `partBytes` (100 KB). Every other item holds only text the API bounds before
 * anything is written: the data set's name (200 characters, so at most 800 bytes
 * in the header), ids (64 characters; a version or revision lists at most 10 phase
 * ids), the Idempotency-Key (128), the tick (64), a review comment (4,000) and
 * fixed failure texts. A test takes a plan with every text at its limit through
 * the whole cycle and measures every item: the largest outside the parts is about
 * 12 KB (a review with the longest comment).
 *
 * The embedded server has no transactions, so every multi-item change writes
 * its items first and then commits with one conditional update: a version
 * exists for readers only once the header's latestVersion reaches it, and a
 * solved plan only once its version record says so.
 */

export type { VersionStatus } from './rules.js';
export type VersionTrigger = 'submit' | 'regenerate' | 'schedule';

export interface PlanHeader {
  planId: string;
  province: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
  latestStatus: VersionStatus;
  lastTick?: string;
  /** The data set's latest revision (SPEC 6.1); absent means 1. */
  latestRevision?: number;
  /** The latest version whose review state is approved (the plan of record). */
  planOfRecord?: number | null;
  /** Review state of the latest version. */
  latestReviewState?: ReviewState;
  /** Objective of the latest solved version. */
  latestObjective?: number | null;
}

/** What a version was solved from (SPEC 6.4): a re-plan with equal inputs makes no new version. */
export interface VersionInputs {
  dataRevision: number;
  /** The progress report counted, or null. */
  progressReportId: string | null;
  progressAsOf: string | null;
  /** Ids of the phases closed at the as-of date, in data set order. */
  closedPhases: string[];
  modelVersion: string;
}

export interface VersionRecord extends DatasetRef {
  planId: string;
  province: string;
  version: number;
  status: VersionStatus;
  trigger: VersionTrigger;
  tick?: string;
  createdAt: string;
  updatedAt: string;
  attempts: number;
  leaseId?: string;
  leaseUntil?: number;
  /** The runtime instance holding the lease. */
  leaseHolder?: string;
  /** How often a sweep put this version back in the queue (SPEC-silent: at most once). */
  sweeps?: number;
  /** While solving: the best plan's cost so far, its proven bound and gap, and when they were written. */
  best?: number;
  bestBound?: number | null;
  bestGap?: number | null;
  progressAt?: string;
  /** While solving: where the provisional (best so far) plan is stored, see recordProgress. */
  provisionalSlot?: 0 | 1;
  provisionalParts?: number;
  solvedAt?: string;
  objective?: number | null;
  bound?: number | null;
  gap?: number | null;
  /** The solver's SolveStats as JSON: a DynamoDB map would not keep its key order. */
  stats?: string;
  /** Why a version failed, in words safe to show the caller. */
  failure?: string;
  phaseCount?: number;
  siteCount?: number;
  /** The as-of date of a re-plan (SPEC 6.3); null for a plain plan (a submission's first version). */
  asOf?: string | null;
  dataRevision?: number;
  progressReportId?: string | null;
  progressAsOf?: string | null;
  closedPhases?: string[];
  modelVersion?: string;
  /** Idempotency-Key of the request that made this version, if any. */
  idemKey?: string;
  reviewState?: ReviewState;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface RepositoryOptions extends TableIoOptions {
  /** An uncommitted version record older than this may be taken over (its writer died). */
  staleVersionMs?: number;
}

/** Shapes of the keys a listing's cursor may hold. */
const PLAN_ID = PLAN_ID_PATTERN.source.replace(/^\^|\$$/g, '');
const PLAN_PK = new RegExp(`^PLAN#${PLAN_ID}$`);
const VERSION_SK = /^VERSION#\d{6}$/;
const CREATED_SK = new RegExp(`^[0-9T:.Z-]{1,40}#${PLAN_ID}$`);

export { canonicalJson, sha256 };

export type PlanRepository = ReturnType<typeof createRepository>;

export function createRepository(options: RepositoryOptions) {
  const { client, tableName } = options;
  const io = createTableIo(options);
  const { send, queryAll, getItem } = io;
  const staleVersionMs = options.staleVersionMs ?? 15 * 60_000;

  function toHeader(item: Record<string, unknown>): PlanHeader {
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
    return rest as unknown as PlanHeader;
  }

  return {
    tableName,

    ...createDatasetItems(io),

    /**
     * Creates version 1 and then the header that commits it. Both writes are
     * conditional on absence, so a retry (or a concurrent duplicate) of the
     * same submission finishes an interrupted one instead of duplicating it.
     */
    async createPlan(input: {
      planId: string;
      province: string;
      name: string;
      dataset: DatasetRef;
      now: string;
      /** The data set's phases, kept with revision 1. */
      phases?: { id: string; year: number }[];
      submittedBy?: string;
      modelVersion?: string;
    }): Promise<PlanHeader> {
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
        gsi1pk: `PROVINCE#${input.province}`, gsi1sk: `${input.now}#${input.planId}`,
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
              Key: { pk: 'PROVINCES', sk: `PROVINCE#${input.province}` },
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
      return toHeader(stored);
    },

    async getPlan(planId: string): Promise<PlanHeader | undefined> {
      const item = await getItem(planPk(planId), HEADER_SK);
      return item === undefined ? undefined : toHeader(item);
    },

    async getVersion(planId: string, version: number): Promise<VersionRecord | undefined> {
      const item = await getItem(planPk(planId), versionSk(version));
      return item === undefined ? undefined : toVersion(item);
    },

    /** A province's plans, newest first. */
    async listPlans(province: string, page: { limit: number; cursor?: string }): Promise<Page<PlanHeader>> {
      const gsi1pk = `PROVINCE#${province}`;
      const startKey = decodeCursor(page.cursor, { gsi1pk, pk: PLAN_PK, sk: HEADER_SK, gsi1sk: CREATED_SK }, ['pk', 'sk', 'gsi1pk', 'gsi1sk']);
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
        items: (output.Items ?? []).map((item) => toHeader(item as Record<string, unknown>)),
        nextCursor: encodeCursor(output.LastEvaluatedKey),
      };
    },

    /** Committed versions of a plan, newest first. */
    async listVersions(planId: string, latestVersion: number, page: { limit: number; cursor?: string }): Promise<Page<VersionRecord>> {
      const pk = planPk(planId);
      const from = versionSk(1);
      const to = versionSk(latestVersion);
      const startKey = decodeCursor(page.cursor, { pk, sk: VERSION_SK }, ['pk', 'sk']);
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
    async listNewestPlans(limit: number): Promise<{ provinces: string[]; items: PlanHeader[] }> {
      const provinces = (await this.listProvinces()).map((entry) => entry.province).sort();
      const pages = await Promise.all(provinces.map((province) => this.listPlans(province, { limit })));
      const newestFirst = (a: PlanHeader, b: PlanHeader) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.planId < b.planId ? 1 : -1);
      return { provinces, items: pages.flatMap((page) => page.items).sort(newestFirst).slice(0, limit) };
    },

    /** Every province with its newest plan id (for the scheduled regeneration). */
    async listProvinces(): Promise<{ province: string; latestPlanId: string }[]> {
      const items = await queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'PROVINCES' },
        ConsistentRead: true,
      });
      return items.map((item) => ({ province: String(item.province), latestPlanId: String(item.latestPlanId) }));
    },

    /**
     * Adds version expectedLatest + 1 with the same data set. The version
     * record is claimed with a conditional put, then committed by a
     * conditional update of the header: of two concurrent callers exactly one
     * gets a version, the other a ConcurrentUpdateError; nothing is overwritten.
     */
    async addVersion(input: {
      planId: string;
      expectedLatest: number;
      trigger: VersionTrigger;
      tick?: string;
      now: string;
      /** What the new version is solved from; without it, the latest version's data set again. */
      source?: { dataset: DatasetRef; asOf: string; inputs: VersionInputs; idemKey?: string };
    }): Promise<{ version: VersionRecord } | { skipped: 'tick-done' }> {
      const pk = planPk(input.planId);
      const base = await getItem(pk, versionSk(input.expectedLatest));
      if (base === undefined) throw new StorageCorruptError(`Plan ${input.planId}: version ${input.expectedLatest} missing`);
      const next = input.expectedLatest + 1;
      const writerId = randomUUID();
      const { source } = input;
      const dataset: DatasetRef = source?.dataset ?? { datasetHash: String(base.datasetHash), datasetParts: Number(base.datasetParts), serviceAreas: Number(base.serviceAreas) };
      const record: Record<string, unknown> = {
        pk, sk: versionSk(next), type: 'version', planId: input.planId, province: base.province, version: next,
        status: 'queued', trigger: input.trigger, tick: input.tick, createdAt: input.now, updatedAt: input.now,
        attempts: 0, datasetHash: dataset.datasetHash, datasetParts: dataset.datasetParts, serviceAreas: dataset.serviceAreas,
        ...(source === undefined ? {} : { asOf: source.asOf, ...source.inputs, ...(source.idemKey === undefined ? {} : { idemKey: source.idemKey }) }),
        writerId,
      };
      const staleBefore = new Date(Date.parse(input.now) - staleVersionMs).toISOString();
      try {
        await send('PutItem', () =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: record,
              ConditionExpression: 'attribute_not_exists(pk) OR createdAt < :stale',
              ExpressionAttributeValues: { ':stale': staleBefore },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new ConcurrentUpdateError(`Plan ${input.planId}: version ${next} is already being created`, { cause: error });
      }
      const tickCondition = input.tick === undefined ? '' : ' AND (attribute_not_exists(lastTick) OR lastTick <> :tick)';
      try {
        await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk, sk: HEADER_SK },
              UpdateExpression: `SET latestVersion = :next, latestStatus = :queued, latestReviewState = :none, updatedAt = :now${input.tick === undefined ? '' : ', lastTick = :tick'}`,
              ConditionExpression: `latestVersion = :expected${tickCondition}`,
              ExpressionAttributeValues: {
                ':next': next, ':queued': 'queued', ':none': 'none', ':now': input.now, ':expected': input.expectedLatest,
                ...(input.tick === undefined ? {} : { ':tick': input.tick }),
              },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Withdraw our uncommitted claim so the next attempt need not wait for it to go stale.
        await send('DeleteItem', () =>
          client.send(
            new DeleteCommand({
              TableName: tableName,
              Key: { pk, sk: versionSk(next) },
              ConditionExpression: 'writerId = :w',
              ExpressionAttributeValues: { ':w': writerId },
            }),
          ),
        ).catch((cleanupError: unknown) => {
          if (!isConditionFailure(cleanupError)) throw cleanupError;
        });
        const header = await getItem(pk, HEADER_SK);
        if (input.tick !== undefined && header?.lastTick === input.tick) return { skipped: 'tick-done' };
        throw new ConcurrentUpdateError(`Plan ${input.planId} changed while adding version ${next}`, { cause: error });
      }
      return { version: toVersion(record) };
    },

    ...createSolveItems(io),

    /** Sets a version's review state (its latest decision) and the header's review fields. */
    async setReviewState(input: { planId: string; version: number; state: ReviewState; planOfRecord: number | null; latestReviewState: ReviewState; now: string }): Promise<void> {
      const pk = planPk(input.planId);
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: versionSk(input.version) },
            UpdateExpression: 'SET reviewState = :state',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':state': input.state },
          }),
        ),
      );
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: HEADER_SK },
            UpdateExpression: 'SET planOfRecord = :record, latestReviewState = :latest, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':record': input.planOfRecord, ':latest': input.latestReviewState, ':now': input.now },
          }),
        ),
      );
    },

    ...createCycleItems(io),
  };
}
