import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdateError, StorageCorruptError, says } from './errors.js';
import { HEADER_SK, planPk, toVersion, versionSk } from './item-keys.js';
import type { NewVersion, VersionItems } from './plan-repository.js';
import type { DatasetRef, ReviewState, VersionRecord } from './records.js';
import { isConditionFailure, type TableIo } from './table-io.js';

/*
 * A plan's later versions (a re-plan's, claimed then committed by the header's
 * latestVersion) and each version's review state:
 *
 *   PLAN#<id>   VERSION#000002   a new version: queued, its inputs, the request's Idempotency-Key, who asked for it
 *   PLAN#<id>   PLAN             the commit: latestVersion, lastTick; review fields (planOfRecord, latestReviewState)
 */
export function createVersionItems(io: TableIo, options: { staleVersionMs: number }): VersionItems {
  const { client, tableName, send, getItem } = io;
  const { staleVersionMs } = options;

  return {
    /**
     * Adds version expectedLatest + 1 with the same data set. The version
     * record is claimed with a conditional put, then committed by a
     * conditional update of the header: of two concurrent callers exactly one
     * gets a version, the other a ConcurrentUpdateError; nothing is overwritten.
     */
    async addVersion(input: NewVersion): Promise<{ version: VersionRecord } | { skipped: 'tick-done' }> {
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
        ...(input.requestedBy === undefined ? {} : { requestedBy: input.requestedBy }),
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
        throw new ConcurrentUpdateError(says('error.versionBeingCreated', { plan: input.planId, version: next }), { cause: error });
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
        throw new ConcurrentUpdateError(says('error.planChanged', { plan: input.planId, version: next }), { cause: error });
      }
      return { version: toVersion(record) };
    },

    /** Sets a version's review state (its latest decision) and the header's review fields. */
    async setReviewState(input: { planId: string; version: number; state: ReviewState; planOfRecord: number | null; latestReviewState: ReviewState; lastReviewed?: { version: number; state: ReviewState }; now: string }): Promise<void> {
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
            UpdateExpression: `SET planOfRecord = :record, latestReviewState = :latest, updatedAt = :now${input.lastReviewed === undefined ? '' : ', lastReviewed = :last'}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':record': input.planOfRecord,
              ':latest': input.latestReviewState,
              ':now': input.now,
              ...(input.lastReviewed === undefined ? {} : { ':last': input.lastReviewed }),
            },
          }),
        ),
      );
    },
  };
}
