import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dataset } from '../../solver/index.js';
import type { DatasetRef } from './cycle-items.js';
import { StorageCorruptError } from './errors.js';
import { planPk } from './item-keys.js';
import { canonicalJson, isConditionFailure, joinParts, pad, sha256, sleep, type TableIo } from './table-io.js';

/*
 * Data sets and the submission's idempotency records:
 *
 *   PLAN#<id>        DATASET#<hash>#0000   a data set's JSON in parts, keyed by its content hash
 *   IDEM#<p>#<key>   IDEM                  a submission's idempotency record: body hash -> plan id
 */
export function createDatasetItems(io: TableIo) {
  const { client, tableName, send, putAll, queryPrefix, partItems, getItem, unprocessedAttempts } = io;

  return {
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

  };
}
