import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BatchWriteCommand,
  DeleteCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Dataset, PhaseSummary, Plan, SitePlan, SolveStats } from '../../solver/index.js';
import { ConcurrentUpdateError, StorageCorruptError } from './errors.js';
import {
  canonicalJson,
  createTableIo,
  decodeCursor,
  encodeCursor,
  groupParts,
  invalidCursor,
  isConditionFailure,
  joinParts,
  pad,
  sha256,
  sleep,
  type TableIoOptions,
} from './table-io.js';
import { createCycleItems, HEADER_SK, planPk, revisionSk, type DatasetRef, type ReviewState } from './cycle-items.js';
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
 * The planning cycle's items (revisions, progress reports, review decisions) are
 * described in cycle-items.ts.
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

const versionSk = (version: number) => `VERSION#${pad(version, 6)}`;
/** Shapes of the keys a listing's cursor may hold. */
const PLAN_ID = PLAN_ID_PATTERN.source.replace(/^\^|\$$/g, '');
const PLAN_PK = new RegExp(`^PLAN#${PLAN_ID}$`);
const VERSION_SK = /^VERSION#\d{6}$/;
const CREATED_SK = new RegExp(`^[0-9T:.Z-]{1,40}#${PLAN_ID}$`);
const childPrefix = (version: number) => `V#${pad(version, 6)}#`;
const provisionalSlot = (version: number, slot: 0 | 1) => `P#${pad(version, 6)}#${slot}`;

export { canonicalJson, sha256 };

export type PlanRepository = ReturnType<typeof createRepository>;

export function createRepository(options: RepositoryOptions) {
  const { client, tableName } = options;
  const io = createTableIo(options);
  const { send, putAll, queryAll, queryPrefix, partItems, getItem, updateIf, unprocessedAttempts } = io;
  const staleVersionMs = options.staleVersionMs ?? 15 * 60_000;

  function toHeader(item: Record<string, unknown>): PlanHeader {
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...rest } = item;
    return rest as unknown as PlanHeader;
  }

  function toVersion(item: Record<string, unknown>): VersionRecord {
    const { pk: _pk, sk: _sk, type: _t, writerId: _w, ...rest } = item;
    return rest as unknown as VersionRecord;
  }

  /** Marks the header's status when `version` is still the latest; a newer version wins silently. */
  /**
   * Ends a solving lease by setting the version's status (and a failure text),
   * conditional on still holding the lease. False when the lease was lost.
   */
  async function endLease(
    input: { planId: string; version: number; leaseId: string; now: string },
    status: 'queued' | 'failed',
    failure?: string,
  ): Promise<boolean> {
    try {
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
            UpdateExpression: `SET #status = :status, updatedAt = :now${failure === undefined ? '' : ', failure = :failure'} REMOVE leaseId, leaseUntil`,
            ConditionExpression: 'leaseId = :lease',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':lease': input.leaseId,
              ':now': input.now,
              ...(failure === undefined ? {} : { ':failure': failure }),
            },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async function touchHeaderStatus(planId: string, version: number, status: VersionStatus, now: string, objective?: number | null) {
    try {
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: planPk(planId), sk: HEADER_SK },
            UpdateExpression: `SET latestStatus = :status, updatedAt = :now${objective === undefined ? '' : ', latestObjective = :objective'}`,
            ConditionExpression: 'latestVersion = :version',
            ExpressionAttributeValues: { ':status': status, ':now': now, ':version': version, ...(objective === undefined ? {} : { ':objective': objective }) },
          }),
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * A solved version's plan as the solver returned it: the top-level fields in
   * their order (older versions stored only warnings and diagnosis beside the
   * version record), the phases, and the sites when asked for.
   */
  async function loadStoredPlan(record: VersionRecord, withSites: boolean): Promise<Plan> {
    const pk = planPk(record.planId);
    const prefix = childPrefix(record.version);
    const [phaseItems, noteItems, topItems, siteItems] = await Promise.all([
      queryPrefix(pk, `${prefix}PHASE#`),
      queryPrefix(pk, `${prefix}NOTES#`),
      queryPrefix(pk, `${prefix}TOP#`),
      withSites ? queryPrefix(pk, `${prefix}SITE#`) : Promise.resolve([]),
    ]);
    const phases = groupParts(phaseItems) as PhaseSummary[];
    const notes = groupParts(noteItems)[0] as { warnings: string[]; diagnosis: string[] } | undefined;
    if (notes === undefined || phases.length !== record.phaseCount) {
      throw new StorageCorruptError(`Plan ${record.planId} v${record.version}: stored plan summary incomplete`);
    }
    const sites = groupParts(siteItems) as SitePlan[];
    if (withSites && sites.length !== record.siteCount) {
      throw new StorageCorruptError(`Plan ${record.planId} v${record.version}: ${sites.length} of ${record.siteCount} sites stored`);
    }
    const top = groupParts(topItems)[0] as Plan | undefined;
    if (top !== undefined) return Object.assign(top, { phases, sites });
    // Key order as the solver builds a Plan, so a stored plan serialises byte for byte like the original.
    return {
      status: record.status === 'optimal' || record.status === 'feasible' || record.status === 'infeasible' ? record.status : 'unknown',
      objective: record.objective ?? null,
      bound: record.bound ?? null,
      gap: record.gap ?? null,
      phases,
      sites,
      warnings: notes.warnings,
      diagnosis: notes.diagnosis,
      stats: record.stats === undefined ? { ms: 0, engine: 'unknown', columns: 0, rows: 0 } : (JSON.parse(record.stats) as SolveStats),
    };
  }

  return {
    tableName,

    /**
     * Stores a data set in parts keyed by its content hash. Rewriting the same
     * data set writes the same keys, so a retried submission leaves no debris.
     */
    async putDataset(planId: string, dataset: Dataset): Promise<DatasetRef> {
      const json = JSON.stringify(dataset);
      const datasetHash = sha256(canonicalJson(dataset)).slice(0, 32);
      const items = partItems(planPk(planId), `DATASET#${datasetHash}`, json, 4);
      await putAll(items);
      return { datasetHash, datasetParts: items.length, serviceAreas: dataset.serviceAreas.length };
    },

    async loadDataset(planId: string, ref: DatasetRef): Promise<Dataset> {
      const items = await queryPrefix(planPk(planId), `DATASET#${ref.datasetHash}#`);
      if (items.length !== ref.datasetParts) {
        throw new StorageCorruptError(`Plan ${planId}: data set has ${items.length} of ${ref.datasetParts} parts`);
      }
      try {
        return JSON.parse(joinParts(items.map((item) => item.d as Uint8Array))) as Dataset;
      } catch (error) {
        throw new StorageCorruptError(`Plan ${planId}: stored data set is not JSON`, { cause: error });
      }
    },

    /** Removes a data set's parts (an orphan left by losing an idempotency race). */
    async deleteDataset(planId: string, ref: DatasetRef): Promise<void> {
      const keys = Array.from({ length: ref.datasetParts }, (_, index) => ({
        pk: planPk(planId),
        sk: `DATASET#${ref.datasetHash}#${pad(index, 4)}`,
      }));
      for (let i = 0; i < keys.length; i += 25) {
        let pending = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 0; pending.length > 0 && attempt < unprocessedAttempts; attempt++) {
          if (attempt > 0) await sleep(25 * 2 ** attempt);
          const output = await send('BatchWriteItem', () =>
            client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })),
          );
          pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    },

    async findIdempotencyKey(province: string, key: string): Promise<{ planId: string; bodyHash: string } | undefined> {
      const item = await getItem(`IDEM#${province}#${key}`, 'IDEM');
      return item === undefined ? undefined : { planId: String(item.planId), bodyHash: String(item.bodyHash) };
    },

    /**
     * Claims an idempotency key for a province. Returns the earlier claim when
     * the key was already used (the caller compares body hashes).
     */
    async claimIdempotencyKey(input: { province: string; key: string; bodyHash: string; planId: string; now: string }) {
      const pk = `IDEM#${input.province}#${input.key}`;
      try {
        await send('PutItem', () =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { pk, sk: 'IDEM', type: 'idempotency', bodyHash: input.bodyHash, planId: input.planId, createdAt: input.now },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
        return { claimed: true as const, planId: input.planId, bodyHash: input.bodyHash };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await getItem(pk, 'IDEM');
      if (existing === undefined) throw new StorageCorruptError(`Idempotency record ${pk} vanished`);
      return { claimed: false as const, planId: String(existing.planId), bodyHash: String(existing.bodyHash) };
    },

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

    /**
     * Takes the solving lease of a version: only a queued version, or one
     * whose previous solver's lease ran out (its Lambda died), can be taken.
     * Returns undefined when someone else holds it or it is already final.
     */
    async startSolving(input: {
      planId: string;
      version: number;
      leaseId: string;
      leaseUntil: number;
      now: string;
      /** Who solves: the runtime instance (a Lambda container, a local server process). */
      holder?: string;
      /** Take over this lease at once, though it has not run out: its holder is known to be dead. */
      takeOver?: string;
    }) {
      try {
        const output = await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
              UpdateExpression: `SET #status = :solving, leaseId = :lease, leaseUntil = :until, updatedAt = :now, attempts = attempts + :one${input.holder === undefined ? '' : ', leaseHolder = :holder'}`,
              ConditionExpression:
                'attribute_exists(pk) AND (#status = :queued OR (#status = :solving AND leaseUntil < :nowMs)' +
                (input.takeOver === undefined ? ')' : ' OR (#status = :solving AND leaseId = :dead))'),
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':solving': 'solving', ':queued': 'queued', ':lease': input.leaseId, ':until': input.leaseUntil,
                ':now': input.now, ':nowMs': Date.parse(input.now), ':one': 1,
                ...(input.holder === undefined ? {} : { ':holder': input.holder }),
                ...(input.takeOver === undefined ? {} : { ':dead': input.takeOver }),
              },
              ReturnValues: 'ALL_NEW',
            }),
          ),
        );
        await touchHeaderStatus(input.planId, input.version, 'solving', input.now);
        return toVersion(output.Attributes as Record<string, unknown>);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    /**
     * Ends a version that can no longer finish (its job died in the dead-letter
     * queue, or it outlived the stuck bound): `failed` with a reason, whoever
     * holds its lease, as long as it is still queued or solving and, when
     * given, still at `expectedUpdatedAt` (nothing moved it meanwhile). False when it was not.
     */
    async failUnfinished(input: { planId: string; version: number; failure: string; now: string; expectedUpdatedAt?: string }): Promise<boolean> {
      const failed = await updateIf({
        Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
        UpdateExpression: 'SET #status = :failed, failure = :failure, updatedAt = :now REMOVE leaseId, leaseUntil',
        ConditionExpression: `(#status = :queued OR #status = :solving)${input.expectedUpdatedAt === undefined ? '' : ' AND updatedAt = :seen'}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': 'failed', ':failure': input.failure, ':now': input.now, ':queued': 'queued', ':solving': 'solving',
          ...(input.expectedUpdatedAt === undefined ? {} : { ':seen': input.expectedUpdatedAt }),
        },
      });
      if (!failed) return false;
      await touchHeaderStatus(input.planId, input.version, 'failed', input.now);
      return true;
    },

    /**
     * Puts a stuck version back in the queue once: status queued, lease cleared,
     * `sweeps` counted, conditional on nothing having moved it since it was seen.
     */
    async requeueStuck(input: { planId: string; version: number; now: string; expectedUpdatedAt: string }): Promise<boolean> {
      const requeued = await updateIf({
        Key: { pk: planPk(input.planId), sk: versionSk(input.version) },
        UpdateExpression: 'SET #status = :queued, updatedAt = :now, sweeps = if_not_exists(sweeps, :zero) + :one REMOVE leaseId, leaseUntil',
        ConditionExpression: '(#status = :queued OR #status = :solving) AND updatedAt = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':queued': 'queued', ':solving': 'solving', ':now': input.now, ':seen': input.expectedUpdatedAt, ':zero': 0, ':one': 1 },
      });
      if (!requeued) return false;
      await touchHeaderStatus(input.planId, input.version, 'queued', input.now);
      return true;
    },

    /**
     * The best plan cost, bound and gap of a solve in progress, written under its
     * lease; with `plan`, the best plan itself too (the provisional plan). It is
     * stored whole, gzipped, in one of two slots the writes alternate between, and
     * the version record names the slot and its part count as the commit, so a
     * reader reads one complete plan while the next one is written to the other slot.
     */
    async recordProgress(input: {
      planId: string;
      version: number;
      leaseId: string;
      best: number;
      bound: number | null;
      gap: number | null;
      now: string;
      provisional?: { plan: Plan; slot: 0 | 1 };
    }): Promise<void> {
      const pk = planPk(input.planId);
      let parts = 0;
      if (input.provisional !== undefined) {
        const text = gzipSync(JSON.stringify(input.provisional.plan)).toString('base64');
        const items = partItems(pk, provisionalSlot(input.version, input.provisional.slot), text, 3);
        await putAll(items);
        parts = items.length;
      }
      // A lost lease (the solve ended or moved on) simply drops this progress.
      await updateIf({
        Key: { pk, sk: versionSk(input.version) },
        UpdateExpression:
          'SET best = :best, bestBound = :bound, bestGap = :gap, progressAt = :now' +
          (input.provisional === undefined ? '' : ', provisionalSlot = :slot, provisionalParts = :parts'),
        ConditionExpression: 'leaseId = :lease AND #status = :solving',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':best': input.best, ':bound': input.bound, ':gap': input.gap, ':now': input.now, ':lease': input.leaseId, ':solving': 'solving',
          ...(input.provisional === undefined ? {} : { ':slot': input.provisional.slot, ':parts': parts }),
        },
      });
    },

    /** The provisional plan of a version still solving, or undefined when it has none (yet). */
    async loadProvisional(record: VersionRecord): Promise<Plan | undefined> {
      if (record.status !== 'solving' || record.provisionalSlot === undefined || record.provisionalParts === undefined) return undefined;
      const items = await queryPrefix(planPk(record.planId), `${provisionalSlot(record.version, record.provisionalSlot)}#`);
      // Only the parts the record committed: a longer earlier plan in this slot may have left more.
      const parts = items.slice(0, record.provisionalParts);
      if (parts.length !== record.provisionalParts) return undefined;
      const text = joinParts(parts.map((item) => item.d as Uint8Array));
      return JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as Plan;
    },

    /** Gives a lease back (e.g. too little time left to solve), so the next delivery can take it at once. */
    async releaseLease(input: { planId: string; version: number; leaseId: string; now: string }): Promise<void> {
      if (await endLease(input, 'queued')) await touchHeaderStatus(input.planId, input.version, 'queued', input.now);
    },

    /**
     * Stores a solved plan: per-phase, notes and per-site items first, then the
     * version record's status as the commit, conditional on still holding the lease.
     */
    async storeResult(input: { planId: string; version: number; leaseId: string; plan: Plan; status: VersionStatus; failure?: string; now: string }) {
      const pk = planPk(input.planId);
      const prefix = childPrefix(input.version);
      const { plan } = input;
      const items: Record<string, unknown>[] = [
        ...plan.phases.flatMap((phase, index) => partItems(pk, `${prefix}PHASE#${pad(index, 2)}`, JSON.stringify(phase), 3)),
        ...partItems(pk, `${prefix}NOTES`, JSON.stringify({ warnings: plan.warnings, diagnosis: plan.diagnosis }), 3),
        // Every other top-level field in the solver's key order; phases and sites hold their places.
        ...partItems(pk, `${prefix}TOP`, JSON.stringify({ ...plan, phases: [], sites: [] }), 3),
        ...plan.sites.flatMap((site, index) => partItems(pk, `${prefix}SITE#${pad(index, 5)}`, JSON.stringify(site), 2)),
      ];
      await putAll(items);
      try {
        await send('UpdateItem', () =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk, sk: versionSk(input.version) },
              UpdateExpression:
                'SET #status = :status, objective = :objective, bound = :bound, gap = :gap, stats = :stats, ' +
                'phaseCount = :phases, siteCount = :sites, solvedAt = :now, updatedAt = :now' +
                (input.failure === undefined ? '' : ', failure = :failure') +
                ' REMOVE leaseId, leaseUntil',
              ConditionExpression: 'leaseId = :lease AND #status = :solving',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': input.status, ':objective': plan.objective, ':bound': plan.bound, ':gap': plan.gap,
                ':stats': JSON.stringify(plan.stats), ':phases': plan.phases.length, ':sites': plan.sites.length, ':now': input.now,
                ':lease': input.leaseId, ':solving': 'solving',
                ...(input.failure === undefined ? {} : { ':failure': input.failure }),
              },
            }),
          ),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new ConcurrentUpdateError(`Plan ${input.planId} v${input.version}: solving lease lost before commit`, { cause: error });
      }
      await touchHeaderStatus(input.planId, input.version, input.status, input.now, plan.objective);
    },

    /** Marks a version failed (no plan stored), conditional on holding the lease. */
    async markFailed(input: { planId: string; version: number; leaseId: string; failure: string; now: string }): Promise<void> {
      if (!(await endLease(input, 'failed', input.failure))) {
        throw new ConcurrentUpdateError(`Plan ${input.planId} v${input.version}: solving lease lost`);
      }
      await touchHeaderStatus(input.planId, input.version, 'failed', input.now);
    },

    /** Phase summaries, warnings and diagnosis of a solved version, without its (possibly 5,000) sites. */
    async loadSummary(record: VersionRecord): Promise<Omit<Plan, 'sites'>> {
      const { sites: _sites, ...summary } = await loadStoredPlan(record, false);
      return summary;
    },

    /** The stored plan of a solved version, rebuilt exactly as the solver returned it. */
    async loadPlan(record: VersionRecord): Promise<Plan> {
      return loadStoredPlan(record, true);
    },

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
