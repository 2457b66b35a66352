import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LambdaContext, SqsBatchResponse, SqsEvent } from '../lib/lambda-types.js';
import type { Logger } from '../lib/log.js';

/*
 * One job: the local runtime's solve workers. Each worker thread runs the
 * queue's consumer on one delivery at a time; the pool hands a delivery to an
 * idle worker, so solves (of any job kind the consumer takes) run beside the
 * API's event loop instead of on it. A worker that dies fails its delivery
 * (the queue redelivers it, as SQS would) and is replaced.
 */

export interface WorkerData {
  endpoint: string;
  tableName: string;
  /** This worker's lease-holder id: the server's instance id and the worker's number. */
  instanceId: string;
}
/** The lease-holder ids of the workers alive now: any other holder of a lease died with its worker or its process. */
export interface LiveWorkers {
  live: string[];
}
export interface WorkerRequest {
  id: number;
  requestId: string;
  event: SqsEvent;
  timeoutMs: number;
}
export type WorkerReply = { id: number; response: SqsBatchResponse } | { id: number; error: string };

/** Workers for a machine: one core stays with the API (and the database), at least one solves. */
export const defaultPoolSize = (): number => Math.max(1, availableParallelism() - 1);

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  pending?: { id: number; resolve: (response: SqsBatchResponse) => void; reject: (error: Error) => void };
}

export interface SolvePool {
  readonly size: number;
  /** Runs one delivery on an idle worker; the caller (the queue) never runs more than `size` at once. */
  run(event: SqsEvent, context: LambdaContext): Promise<SqsBatchResponse>;
  close(): Promise<void>;
}

/** The worker's module: under tsx (npm start, tests) a small loader brings TypeScript along; compiled, the file itself. */
function spawn(data: WorkerData): Worker {
  const file = new URL(`./solve-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  if (!file.endsWith('.ts')) return new Worker(new URL(file), { workerData: data });
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
  return new Worker(boot, { eval: true, workerData: data });
}

export function createSolvePool(data: WorkerData, log: Logger, size = defaultPoolSize()): SolvePool {
  let closed = false;
  let nextId = 1;
  let spawned = 0;
  const slots: Slot[] = [];
  const holders = new Map<Worker, string>();
  const broadcast = () => {
    const message: LiveWorkers = { live: [...holders.values()] };
    for (const worker of holders.keys()) worker.postMessage(message);
  };

  const start = (): Slot => {
    const holder = `${data.instanceId}/${++spawned}`;
    const worker = spawn({ ...data, instanceId: holder });
    holders.set(worker, holder);
    broadcast();
    const slot: Slot = { worker, busy: false, ready: Promise.resolve() };
    slot.ready = new Promise<void>((ready, fail) => {
      worker.once('error', fail);
      // Stopped before it was ready (the pool closing while it boots): a delivery waiting for it must not wait forever.
      worker.once('exit', (code) => fail(new Error(`The solve worker stopped before it was ready (exit code ${code})`)));
      worker.on('message', (message: WorkerReply | { ready: true }) => {
        if ('ready' in message) return ready();
        const pending = slot.pending;
        if (pending === undefined || pending.id !== message.id) return;
        slot.pending = undefined;
        if ('response' in message) pending.resolve(message.response);
        else pending.reject(new Error(message.error));
      });
    });
    slot.ready.catch(() => {});
    worker.on('error', (error) => log.error('solve worker failed', { error }));
    worker.on('exit', (code) => {
      holders.delete(worker);
      const pending = slot.pending;
      slot.pending = undefined;
      pending?.reject(new Error(`The solve worker stopped (exit code ${code})`));
      if (closed) return;
      // Replace the dead worker so the pool keeps its size.
      slots[slots.indexOf(slot)] = start();
      broadcast();
    });
    return slot;
  };
  for (let index = 0; index < size; index++) slots.push(start());

  return {
    size,
    async run(event, context) {
      const slot = slots.find((candidate) => !candidate.busy);
      if (slot === undefined) throw new Error('Every solve worker is busy');
      slot.busy = true;
      try {
        await slot.ready;
        const id = nextId++;
        const request: WorkerRequest = { id, requestId: context.awsRequestId, event, timeoutMs: context.getRemainingTimeInMillis() };
        return await new Promise<SqsBatchResponse>((resolve, reject) => {
          slot.pending = { id, resolve, reject };
          slot.worker.postMessage(request);
        });
      } finally {
        slot.busy = false;
      }
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
