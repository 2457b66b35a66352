import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Dataset } from '../../solver/index.js';
import { StorageCorruptError } from './errors.js';
import { datasetSk, IDEM_SK, PART_DIGITS, planPk, submissionKeyPk } from './item-keys.js';
import type { DatasetRef } from './records.js';
import { canonicalJson, isConditionFailure, joinParts, sha256, type TableIo } from './table-io.js';
import type { DatasetItems } from './plan-repository.js';

/*
 * Data sets and the submission's idempotency records:
 *
 *   PLAN#<id>        DATASET#<hash>#0000   a data set's JSON in parts, keyed by its content hash
 *   IDEM#<p>#<key>   IDEM                  a submission's idempotency record: body hash -> plan id
 */
export function createDatasetItems(io: TableIo): DatasetItems {
  const { client, tableName, send, putAll, queryPrefix, partItems, getItem } = io;

  return {
    /**
     * Stores a data set in parts keyed by its content hash. Rewriting the same
     * data set writes the same keys, so a retried submission leaves no debris.
     */
    async putDataset(planId: string, dataset: Dataset): Promise<DatasetRef> {
      const json = JSON.stringify(dataset);
      const datasetHash = sha256(canonicalJson(dataset)).slice(0, 32);
      const items = partItems(planPk(planId), datasetSk(datasetHash), json, PART_DIGITS);
      await putAll(items);
      return { datasetHash, datasetParts: items.length, serviceAreas: dataset.serviceAreas.length };
    },

    async loadDataset(planId: string, ref: DatasetRef): Promise<Dataset> {
      const items = await queryPrefix(planPk(planId), `${datasetSk(ref.datasetHash)}#`);
      if (items.length !== ref.datasetParts) {
        throw new StorageCorruptError(`Plan ${planId}: data set has ${items.length} of ${ref.datasetParts} parts`);
      }
      try {
        return JSON.parse(joinParts(items.map((item) => item.d as Uint8Array))) as Dataset;
      } catch (error) {
        throw new StorageCorruptError(`Plan ${planId}: stored data set is not JSON`, { cause: error });
      }
    },

    async findIdempotencyKey(province: string, key: string): Promise<{ planId: string; bodyHash: string } | undefined> {
      const item = await getItem(submissionKeyPk(province, key), IDEM_SK);
      return item === undefined ? undefined : { planId: String(item.planId), bodyHash: String(item.bodyHash) };
    },

    /**
     * Claims an idempotency key for a province. Returns the earlier claim when
     * the key was already used (the caller compares body hashes).
     */
    async claimIdempotencyKey(input: { province: string; key: string; bodyHash: string; planId: string; now: string }) {
      const pk = submissionKeyPk(input.province, input.key);
      try {
        await send('PutItem', () =>
          client.send(
            new PutCommand({
              TableName: tableName,
              Item: { pk, sk: IDEM_SK, type: 'idempotency', bodyHash: input.bodyHash, planId: input.planId, createdAt: input.now },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
        return { claimed: true as const, planId: input.planId, bodyHash: input.bodyHash };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await getItem(pk, IDEM_SK);
      if (existing === undefined) throw new StorageCorruptError(`Idempotency record ${pk} vanished`);
      return { claimed: false as const, planId: String(existing.planId), bodyHash: String(existing.bodyHash) };
    },

  };
}
