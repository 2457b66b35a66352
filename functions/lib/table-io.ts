import { createHash } from 'node:crypto';
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { issueOf } from '../../solver/messages.js';
import { StorageThrottledError, ValidationFailedError } from './errors.js';

/*
 * The table's low-level access, shared by the repository's parts: every SDK
 * call through one error mapping, batched writes with UnprocessedItems retries,
 * paginated queries, and values split into parts below DynamoDB's item limit.
 */

export const pad = (value: number, width: number) => String(value).padStart(width, '0');

export const isThrottle = (error: unknown) =>
  error instanceof Error &&
  ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded'].includes(error.name);

export const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** JSON with sorted object keys, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function splitBytes(text: string, partBytes: number): Uint8Array[] {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length || parts.length === 0; offset += partBytes) {
    parts.push(new Uint8Array(bytes.subarray(offset, offset + partBytes)));
  }
  return parts;
}

export function joinParts(parts: Uint8Array[]): string {
  return Buffer.concat(parts.map((part) => Buffer.from(part))).toString('utf8');
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** A cursor this listing did not give out: a 400 naming the parameter. */
export function invalidCursor(cause?: unknown): ValidationFailedError {
  const error = new ValidationFailedError([issueOf('query.cursor', 'request.badCursor')]);
  return cause === undefined ? error : Object.assign(error, { cause });
}

/** DynamoDB refuses a sort key over 1,024 bytes (a partition key over 2,048) with a ValidationException. */
const MAX_KEY_BYTES = 1024;

/**
 * A cursor is only trusted when it is the key shape this very query produces:
 * its key names, each value a non-empty string of a key's size, equal to the
 * value or matching the pattern `expected` gives for it. Anything else would
 * reach DynamoDB as a bad ExclusiveStartKey and surface as a 500.
 */
export function decodeCursor(cursor: string | undefined, expected: Record<string, string | RegExp>, keyNames: string[]): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw invalidCursor(error);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidCursor();
  const record = parsed as Record<string, unknown>;
  const names = Object.keys(record).sort();
  if (names.join(',') !== [...keyNames].sort().join(',')) throw invalidCursor();
  for (const name of keyNames) {
    const value = record[name];
    // DynamoDB refuses empty and oversize key values: a cursor holding one is as bad as any other.
    if (typeof value !== 'string' || value === '' || Buffer.byteLength(value, 'utf8') > MAX_KEY_BYTES) throw invalidCursor();
  }
  for (const [name, rule] of Object.entries(expected)) {
    const value = record[name] as string;
    if (typeof rule === 'string' ? value !== rule : !rule.test(value)) throw invalidCursor();
  }
  return record as Record<string, string>;
}

/** Joins the parts of each stored value; sort keys are zero-padded, so Query order is stored order. */
export function groupParts(items: Record<string, unknown>[]): unknown[] {
  const groups = new Map<string, Uint8Array[]>();
  for (const item of items) {
    const sk = String(item.sk);
    const group = sk.slice(0, sk.lastIndexOf('#'));
    const parts = groups.get(group) ?? [];
    parts.push(item.d as Uint8Array);
    groups.set(group, parts);
  }
  return [...groups.values()].map((parts) => JSON.parse(joinParts(parts)) as unknown);
}


export interface TableIoOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Largest stored part of a value, bytes. Far below DynamoDB's 400 KB item limit. */
  partBytes?: number;
  /** Items per Query page; small values exercise pagination in tests. */
  queryPageSize?: number;
  /** Parallel BatchWriteItem calls. */
  writeConcurrency?: number;
  /** Attempts at a batch's UnprocessedItems before giving up. */
  unprocessedAttempts?: number;
}

export type TableIo = ReturnType<typeof createTableIo>;

export function createTableIo(options: TableIoOptions) {
  const { client, tableName } = options;
  const partBytes = options.partBytes ?? 100_000;
  const queryPageSize = options.queryPageSize ?? 1000;
  const writeConcurrency = options.writeConcurrency ?? 4;
  const unprocessedAttempts = options.unprocessedAttempts ?? 8;

  /** Every SDK call goes through here so throttling maps to one error type, cause kept. */
  async function send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (isThrottle(error)) {
        throw new StorageThrottledError(`DynamoDB throttled ${operation} after retries`, { cause: error });
      }
      throw error;
    }
  }

  async function writeBatch(items: Record<string, unknown>[]): Promise<void> {
    let pending = items.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= unprocessedAttempts) {
        throw new StorageThrottledError(`DynamoDB left ${pending.length} items unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await sleep(Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random()));
      const output = await send('BatchWriteItem', () =>
        client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } })),
      );
      pending = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }

  /** Writes many items in batches of 25, a few batches at a time. */
  async function putAll(items: Record<string, unknown>[]): Promise<void> {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        if (batch) await writeBatch(batch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(writeConcurrency, batches.length) }, worker));
  }

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await send('Query', () =>
        client.send(new QueryCommand({ TableName: tableName, Limit: queryPageSize, ...input, ExclusiveStartKey: startKey })),
      );
      items.push(...((output.Items ?? []) as Record<string, unknown>[]));
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  }

  async function queryPrefix(pk: string, prefix: string): Promise<Record<string, unknown>[]> {
    return queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    });
  }

  function partItems(pk: string, skBase: string, text: string, width: number): Record<string, unknown>[] {
    return splitBytes(text, partBytes).map((d, index) => ({ pk, sk: `${skBase}#${pad(index, width)}`, d }));
  }

  async function getItem(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const output = await send('GetItem', () =>
      client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true })),
    );
    return output.Item as Record<string, unknown> | undefined;
  }

  /** Puts an item unless one with its key exists; false when it did. */
  async function putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    try {
      await send('PutItem', () => client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A conditional UpdateItem: true when it was applied, false when its condition failed. */
  async function updateIf(input: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await send('UpdateItem', () => client.send(new UpdateCommand({ TableName: tableName, ...input })));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The JSON value stored in parts under `skBase#`, or undefined when none is stored. */
  async function loadParts(pk: string, skBase: string): Promise<unknown> {
    const items = await queryPrefix(pk, `${skBase}#`);
    return items.length === 0 ? undefined : JSON.parse(joinParts(items.map((item) => item.d as Uint8Array)));
  }

  return { client, tableName, unprocessedAttempts, send, putAll, queryAll, queryPrefix, partItems, getItem, putIfAbsent, updateIf, loadParts };
}
