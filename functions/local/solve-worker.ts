import { parentPort, workerData } from 'node:worker_threads';
import { createDocumentClient } from '../lib/dynamo.js';
import type { LambdaContext, SqsBatchResponse, SqsEvent } from '../lib/lambda-types.js';
import { createRepository } from '../lib/repository.js';
import { JOBS } from '../routes.js';
import type { LiveWorkers, WorkerData, WorkerReply, WorkerRequest } from './solve-pool.js';

/*
 * One worker thread of the local solve pool: it builds the queue's consumer
 * (the registry's solve job, whatever kinds of job it takes) from its own
 * repository on the same database, and runs one delivery at a time, so a solve
 * never holds the API's event loop.
 */

const data = workerData as WorkerData;
let live = new Set<string>([data.instanceId]);
const repo = createRepository({ client: createDocumentClient({ endpoint: data.endpoint }), tableName: data.tableName });
const module = await JOBS.solveJob.load();
const consume = module.makeHandler({
  repo,
  instanceId: data.instanceId,
  // The local runtime owns the data folder: a lease held by anything but a live worker of this pool is a dead one.
  isDeadHolder: (holder: string | undefined) => holder === undefined || !live.has(holder),
}) as unknown as (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;

parentPort!.on('message', (message: WorkerRequest | LiveWorkers) => {
  if ('live' in message) {
    live = new Set([data.instanceId, ...message.live]);
    return;
  }
  const request = message;
  const deadline = Date.now() + request.timeoutMs;
  const context: LambdaContext = { awsRequestId: request.requestId, functionName: JOBS.solveJob.file, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  consume(request.event, context).then(
    (response) => parentPort!.postMessage({ id: request.id, response } satisfies WorkerReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
parentPort!.postMessage({ ready: true });
