import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient, ensureTable } from '../../functions/lib/dynamo.js';
import { StorageThrottledError } from '../../functions/lib/errors.js';
import { toHttpProblem } from '../../functions/lib/http.js';
import { createRepository } from '../../functions/lib/repository.js';
import { largeDataset, tinyDataset } from './helpers/data.js';
import { FaultInjectingHandler, type Fault } from './helpers/faults.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * AWS throttles and leaves UnprocessedItems under load; neither local server
 * ever does. The faults are injected at the SDK's HTTP request handler, so
 * the SDK's own retry logic and the repository's batch handling run for real
 * against a real dynalite.
 */
const SDK_ATTEMPTS = 3;

describe('storage under throttling and partial batch writes', () => {
  let server: DynamoServer;
  const tableName = `faults-${randomUUID()}`;

  beforeAll(async () => {
    server = await startDynalite();
    const raw = new DynamoDBClient({ endpoint: server.endpoint });
    await ensureTable(raw, tableName);
    raw.destroy();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function repoWith(decide: (operation: string, call: number) => Fault, options: { unprocessedAttempts?: number; partBytes?: number } = {}) {
    const handler = new FaultInjectingHandler(decide);
    const client = createDocumentClient({ endpoint: server.endpoint, requestHandler: handler, maxAttempts: SDK_ATTEMPTS });
    return { handler, repo: createRepository({ client, tableName, ...options }) };
  }
  const clean = () => createRepository({ client: createDocumentClient({ endpoint: server.endpoint }), tableName });

  it('writes again the items a BatchWriteItem leaves unprocessed until every part is stored', async () => {
    const dataset = largeDataset(300);
    const { handler, repo } = repoWith((operation, call) => (operation === 'BatchWriteItem' && call <= 6 ? 'half-unprocessed' : 'pass'), {
      partBytes: 2000,
    });
    const planId = randomUUID();

    const ref = await repo.putDataset(planId, dataset);
    const loaded = await clean().loadDataset(planId, ref);

    const batches = Math.ceil(ref.datasetParts / 25);
    expect(ref.datasetParts).toBeGreaterThan(25);
    expect(handler.calls.get('BatchWriteItem')).toBeGreaterThan(batches);
    expect(loaded).toEqual(dataset);
  });

  it('gives up with a StorageThrottledError when a batch stays unprocessed', async () => {
    const { handler, repo } = repoWith((operation) => (operation === 'BatchWriteItem' ? 'all-unprocessed' : 'pass'), { unprocessedAttempts: 3 });

    const attempt = repo.putDataset(randomUUID(), tinyDataset());

    await expect(attempt).rejects.toBeInstanceOf(StorageThrottledError);
    expect(handler.calls.get('BatchWriteItem')).toBe(3);
  });

  it('rides out brief throttling through the SDK\'s retries', async () => {
    const { handler, repo } = repoWith((operation, call) => (operation === 'PutItem' && call <= 2 ? 'throttle' : 'pass'));

    const claim = await repo.claimIdempotencyKey({ province: 'GD', key: randomUUID(), bodyHash: 'h', planId: 'p', now: new Date().toISOString() });

    expect(claim.claimed).toBe(true);
    expect(handler.calls.get('PutItem')).toBe(3);
  });

  it('turns throttling that outlasts the retries into a 503 with Retry-After, never a 500', async () => {
    const { handler, repo } = repoWith((operation) => (operation === 'GetItem' ? 'throttle' : 'pass'));

    const error = await repo.getPlan(randomUUID()).catch((caught: unknown) => caught);
    const problem = toHttpProblem(error, 'req-1');

    expect(error).toBeInstanceOf(StorageThrottledError);
    expect((error as Error).cause).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(handler.calls.get('GetItem')).toBe(SDK_ATTEMPTS);
    expect(problem.statusCode).toBe(503);
    expect(problem.headers['Retry-After']).toBeDefined();
    expect(JSON.stringify(problem.body)).not.toContain('Provisioned');
  });
});
