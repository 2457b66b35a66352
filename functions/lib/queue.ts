import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseWhatIfId } from './what-if-ids.js';

/** What the solve job needs to find its work; everything else is read from the table. */
export interface SolveJob {
  planId: string;
  version: number;
}

/** A what-if solve (SPEC 8): a scenario (`s1`) or one point of a curve (`c1-3`); one job each, so a curve's points fan out. */
export interface WhatIfJob {
  planId: string;
  whatIf: string;
}

/** Every job the solve queue carries; the solve job tells them apart by their fields. */
export type QueueJob = SolveJob | WhatIfJob;

export const isWhatIfJob = (job: QueueJob): job is WhatIfJob => 'whatIf' in job;

/** The port handlers enqueue through. AWS: SQS; local runtime: an in-process queue. */
export interface JobQueue {
  send(job: QueueJob): Promise<void>;
}

/** SQS adapter: one message per job, the job as its JSON body. */
export function sqsQueue(queueUrl: string, client = new SQSClient({})): JobQueue {
  return {
    async send(job) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
    },
  };
}

/**
 * Queue URLs with this scheme name an in-process queue registered by the local
 * runtime (or a test); anything else is an SQS queue URL.
 */
export const LOCAL_QUEUE_SCHEME = 'local:';
const localQueues = new Map<string, JobQueue>();

export function registerLocalQueue(queueUrl: string, queue: JobQueue): void {
  if (!queueUrl.startsWith(LOCAL_QUEUE_SCHEME)) throw new Error(`A local queue URL starts with ${LOCAL_QUEUE_SCHEME}`);
  localQueues.set(queueUrl, queue);
}

/**
 * Picks the adapter for a queue URL. Local queues are looked up at send time,
 * because handler modules are loaded before the local runtime registers them.
 */
export function queueFor(queueUrl: string): JobQueue {
  if (!queueUrl.startsWith(LOCAL_QUEUE_SCHEME)) return sqsQueue(queueUrl);
  return {
    async send(job) {
      const queue = localQueues.get(queueUrl);
      if (queue === undefined) throw new Error(`No local queue registered for ${queueUrl}`);
      await queue.send(job);
    },
  };
}

/** Parses a message body into a job; undefined when it is not one (a poison message). */
export function parseSolveJob(body: string): QueueJob | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const { planId, version, whatIf } = value as Record<string, unknown>;
  if (typeof planId !== 'string' || !PLAN_ID.test(planId)) return undefined;
  if (whatIf !== undefined) return typeof whatIf === 'string' && parseWhatIfId(whatIf) !== undefined && version === undefined ? { planId, whatIf } : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return undefined;
  return { planId, version };
}

/** Plan ids are UUIDs; anything else cannot name a stored plan. */
export const PLAN_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
