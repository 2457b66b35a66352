import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ProgressReport } from '../../solver/index.js';
import { StorageCorruptError } from './errors.js';
import {
  HEADER_SK,
  IDEM_SK,
  PART_DIGITS,
  planPk,
  reportDataSk,
  REPORT_PREFIX,
  reportSk,
  REVIEW_PREFIX,
  reviewPrefix,
  REVISION_PREFIX,
  revisionSk,
  writeKeyPk,
  type PlanWrite,
} from './item-keys.js';
import type { ReportRecord, ReviewEntry, RevisionRecord, WriteKey } from './records.js';
import type { TableIo } from './table-io.js';
import type { CycleItems } from './plan-repository.js';

/*
 * The planning cycle's items (SPEC section 6), beside a plan's header and versions:
 *
 *   PLAN#<id>   REVISION#000002              one data set revision: its data set ref, phases, who and when;
 *                                            committed by the header's latestRevision
 *   PLAN#<id>   REPORT#<reportId>            one progress report's record (asOf, who, when); its JSON
 *   PLAN#<id>   REPORTDATA#<reportId>#0000   in parts below the item limit, written before the record
 *   PLAN#<id>   REVIEW#000003#<at>#<id>      one review decision on version 3 (who, when, decision, comment)
 *   IDEM#PLAN#<id>#<action>#<key>  IDEM      idempotency record of a write to a plan: body hash, its target, its result
 *
 * Nothing here is ever overwritten: revisions, reports and decisions are an audit trail.
 * Sizes: a report's JSON is stored in parts; every other item holds only bounded
 * text (ids, dates, the caller's subject of at most 256 characters, a comment of
 * at most 4,000, the Idempotency-Key of at most 128); see "Item sizes" in repository.ts.
 */

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, type: _type, ...rest } = item;
  return rest;
}

export function createCycleItems(io: TableIo): CycleItems {
  const { client, tableName, send, getItem, putIfAbsent, updateIf, putAll, partItems, queryPrefix, loadParts } = io;

  return {
    /**
     * Adds a revision after `expectedLatest`: the record first (conditional on
     * absence), then the header's latestRevision as the commit. False when
     * another revision got there first (the caller re-reads and retries).
     */
    async addRevision(input: Omit<RevisionRecord, 'revision'> & { expectedLatest: number }): Promise<RevisionRecord | undefined> {
      const { expectedLatest, ...fields } = input;
      const record: RevisionRecord = { ...fields, revision: expectedLatest + 1 };
      const pk = planPk(input.planId);
      const commit = () =>
        updateIf({
          Key: { pk, sk: HEADER_SK },
          UpdateExpression: 'SET latestRevision = :next, updatedAt = :now',
          ConditionExpression: expectedLatest === 1 ? 'attribute_not_exists(latestRevision) OR latestRevision = :expected' : 'latestRevision = :expected',
          ExpressionAttributeValues: { ':next': record.revision, ':expected': expectedLatest, ':now': input.submittedAt },
        });
      if (!(await putIfAbsent({ pk, sk: revisionSk(record.revision), type: 'revision', ...record }))) {
        // Claimed by someone else, committed or not: theirs unless it is ours (same idempotency key).
        const existing = await this.getRevision(input.planId, record.revision);
        if (existing === undefined) return undefined;
        if (existing.idemKey !== input.idemKey || input.idemKey === undefined) {
          // Uncommitted, it may be the claim of a process killed between its two writes, which would block
          // every later revision. Its record is whole (one put, after its data set): commit it for it (a live
          // request's own commit then finds it done), and the caller tries the next number.
          await commit();
          return undefined;
        }
      }
      const committed = await commit();
      if (!committed) {
        const header = await getItem(pk, HEADER_SK);
        // Committed already by a retry of the same request: fine; otherwise someone else's revision won.
        if (header?.latestRevision === record.revision && (await this.getRevision(input.planId, record.revision))?.idemKey === input.idemKey) return record;
        return undefined;
      }
      return record;
    },

    async getRevision(planId: string, revision: number): Promise<RevisionRecord | undefined> {
      const item = await getItem(planPk(planId), revisionSk(revision));
      return item === undefined ? undefined : (strip(item) as unknown as RevisionRecord);
    },

    /** Revisions of a plan carrying `idemKey` (a retried request finds the revision it made). */
    async findRevisionByKey(planId: string, idemKey: string): Promise<RevisionRecord | undefined> {
      const items = await queryPrefix(planPk(planId), REVISION_PREFIX);
      const found = items.find((item) => item.idemKey === idemKey);
      return found === undefined ? undefined : (strip(found) as unknown as RevisionRecord);
    },

    /** Stores a report: its parts, then its record (conditional on absence, so a retry with the same id is harmless). */
    async putReport(input: Omit<ReportRecord, 'parts' | 'sites'> & { report: ProgressReport }): Promise<ReportRecord> {
      const pk = planPk(input.planId);
      const parts = partItems(pk, reportDataSk(input.reportId), JSON.stringify(input.report), PART_DIGITS);
      await putAll(parts);
      const record: ReportRecord = {
        planId: input.planId,
        reportId: input.reportId,
        asOf: input.asOf,
        receivedAt: input.receivedAt,
        receivedBy: input.receivedBy,
        sites: input.report.sites.length,
        parts: parts.length,
      };
      if (!(await putIfAbsent({ pk, sk: reportSk(input.reportId), type: 'report', ...record }))) {
        const stored = await getItem(pk, reportSk(input.reportId));
        return strip(stored ?? {}) as unknown as ReportRecord;
      }
      return record;
    },

    /** Every committed report record of a plan (without the reports themselves). */
    async listReports(planId: string): Promise<ReportRecord[]> {
      const items = await queryPrefix(planPk(planId), REPORT_PREFIX);
      return items.map((item) => strip(item) as unknown as ReportRecord);
    },

    async loadReport(record: ReportRecord): Promise<ProgressReport> {
      const value = await loadParts(planPk(record.planId), reportDataSk(record.reportId));
      if (value === undefined) throw new StorageCorruptError(`Plan ${record.planId}: report ${record.reportId} has no data`);
      return value as ProgressReport;
    },

    async getReport(planId: string, reportId: string): Promise<ReportRecord | undefined> {
      const item = await getItem(planPk(planId), reportSk(reportId));
      return item === undefined ? undefined : (strip(item) as unknown as ReportRecord);
    },

    /** Appends one review decision; the version's current state is its latest decision. */
    async addReview(planId: string, entry: ReviewEntry): Promise<void> {
      const sk = `${reviewPrefix(entry.version)}${entry.at}#${randomUUID().slice(0, 8)}`;
      await putIfAbsent({ pk: planPk(planId), sk, type: 'review', planId, ...entry });
    },

    /** A version's decisions, oldest first. */
    async listReviews(planId: string, version: number): Promise<ReviewEntry[]> {
      const items = await queryPrefix(planPk(planId), reviewPrefix(version));
      return items.map((item) => {
        const { version: v, decision, comment, reviewer, at } = item as unknown as ReviewEntry;
        return { version: v, decision, comment, reviewer, at };
      });
    },

    /** Every decision on a plan, oldest version first. */
    async listAllReviews(planId: string): Promise<ReviewEntry[]> {
      const items = await queryPrefix(planPk(planId), REVIEW_PREFIX);
      return items.map((item) => {
        const { version, decision, comment, reviewer, at } = item as unknown as ReviewEntry;
        return { version, decision, comment, reviewer, at };
      });
    },

    /** The idempotency record of a write to a plan, if the key was used. */
    async findWriteKey(planId: string, write: PlanWrite, key: string): Promise<WriteKey | undefined> {
      const item = await getItem(writeKeyPk(planId, write, key), IDEM_SK);
      return item === undefined ? undefined : toWriteKey(item);
    },

    /** Claims a key for a write with its target (e.g. the report id); the earlier claim when it was taken. */
    async claimWriteKey(planId: string, write: PlanWrite, key: string, claim: { bodyHash: string; target: string; now: string }): Promise<WriteKey & { claimed: boolean }> {
      const pk = writeKeyPk(planId, write, key);
      if (await putIfAbsent({ pk, sk: IDEM_SK, type: 'idempotency', ...claim })) return { ...claim, claimed: true };
      const item = await getItem(pk, IDEM_SK);
      if (item === undefined) throw new StorageCorruptError(`Idempotency record ${pk} vanished`);
      return { ...toWriteKey(item), claimed: false };
    },

    /** Records the answer of a completed write, so a retry replays it. */
    async completeWriteKey(planId: string, write: PlanWrite, key: string, result: unknown): Promise<void> {
      await send('UpdateItem', () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: writeKeyPk(planId, write, key), sk: IDEM_SK },
            UpdateExpression: 'SET #result = :result',
            ExpressionAttributeNames: { '#result': 'result' },
            ExpressionAttributeValues: { ':result': JSON.stringify(result) },
          }),
        ),
      );
    },
  };
}

function toWriteKey(item: Record<string, unknown>): WriteKey {
  return {
    bodyHash: String(item.bodyHash),
    target: String(item.target ?? ''),
    now: String(item.now ?? ''),
    ...(typeof item.result === 'string' ? { result: item.result } : {}),
  };
}
