import { createHash, randomUUID } from 'node:crypto';
import type { LambdaContext, SqsBatchResponse, SqsEvent } from '../lib/lambda-types.js';
import type { Logger } from '../lib/log.js';
import type { JobQueue, QueueJob } from '../lib/queue.js';

type SolveHandler = (event: SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse>;

interface Message {
  id: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

export interface LocalQueueOptions {
  handler: SolveHandler;
  log: Logger;
  /** What the consumer's context reports as remaining time, like the Lambda timeout. */
  functionTimeoutMs: number;
  /** Deliveries before a message moves to the dead-letter list (SQS maxReceiveCount). */
  maxReceiveCount?: number;
  /** Delay before a failed message is delivered again (SQS visibility timeout, shortened). */
  retryDelayMs?: number;
  /** Consumer of the dead-letter list, as the stack's dead-letter handler consumes the DLQ. */
  deadLetterHandler?: SolveHandler;
  /** Deliveries in flight at once (the local solve pool's size). Default 1. */
  concurrency?: number;
}

/**
 * The in-process stand-in for SQS plus its Lambda event source mapping:
 * messages are delivered one per event in SQS's record shape, failures
 * reported through ReportBatchItemFailures are redelivered, and after
 * maxReceiveCount deliveries a message moves to a dead-letter list.
 */
export class LocalQueue implements JobQueue {
  readonly deadLetters: { body: string; receiveCount: number }[] = [];
  private readonly messages: Message[] = [];
  private inFlight = 0;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private waiters: (() => void)[] = [];
  private stopWaiters: (() => void)[] = [];

  constructor(private readonly options: LocalQueueOptions) {}

  async send(job: QueueJob): Promise<void> {
    this.sendRaw(JSON.stringify(job));
  }

  /** Puts any body on the queue, as SQS would accept it (tests send poison this way). */
  sendRaw(body: string): void {
    if (this.stopped) throw new Error('Local queue is stopped');
    this.messages.push({ id: randomUUID(), body, sentAt: Date.now(), receiveCount: 0, visibleAt: Date.now() });
    this.schedule(0);
  }

  get depth(): number {
    return this.messages.length;
  }

  /** Resolves once no message is waiting or in flight. */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.messages.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Takes no more messages and delivers no more; resolves once the deliveries in
   * flight have ended. A delivery that ends after the stop is dropped, neither
   * redelivered nor dead-lettered: the process is going away, and its version or
   * what-if is picked up again from the store when the runtime starts next.
   */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.stopWaiters.push(resolve));
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.full) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), Math.max(0, delayMs));
  }

  private get full(): boolean {
    return this.inFlight >= (this.options.concurrency ?? 1);
  }

  private async pump(): Promise<void> {
    if (this.full || this.stopped) return;
    const now = Date.now();
    const index = this.messages.findIndex((message) => message.visibleAt <= now);
    if (index < 0) {
      const next = Math.min(...this.messages.map((message) => message.visibleAt));
      if (Number.isFinite(next)) this.schedule(next - now);
      else if (this.inFlight === 0) this.notify('waiters');
      return;
    }
    const [message] = this.messages.splice(index, 1) as [Message];
    message.receiveCount++;
    this.inFlight++;
    // Another free slot takes the next visible message at once.
    this.schedule(0);
    let failed = true;
    try {
      const deadline = Date.now() + this.options.functionTimeoutMs;
      const context: LambdaContext = {
        awsRequestId: randomUUID(),
        functionName: 'solve-job',
        getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      };
      const response = await this.options.handler(
        {
          Records: [this.record(message)],
        },
        context,
      );
      failed = response.batchItemFailures.some((failure) => failure.itemIdentifier === message.id);
    } catch (error) {
      // A thrown handler fails the whole batch in AWS; here the batch is this one message.
      if (!this.stopped) this.options.log.error('solve handler threw', { error });
    } finally {
      this.inFlight--;
    }
    if (this.stopped) {
      if (this.inFlight === 0) {
        this.notify('stopWaiters');
        this.notify('waiters');
      }
      return;
    }
    if (failed) {
      if (message.receiveCount >= (this.options.maxReceiveCount ?? 3)) {
        this.deadLetters.push({ body: message.body, receiveCount: message.receiveCount });
        this.options.log.error('message moved to the dead-letter list', { messageId: message.id, receiveCount: message.receiveCount });
        await this.deliverDeadLetter(message);
      } else {
        message.visibleAt = Date.now() + (this.options.retryDelayMs ?? 1000);
        this.messages.push(message);
      }
    }
    this.schedule(0);
  }

  /** A message in SQS's event record shape. */
  private record(message: Message): SqsEvent['Records'][number] {
    return {
      messageId: message.id,
      receiptHandle: message.id,
      body: message.body,
      attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(message.sentAt) },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:solve-jobs',
      awsRegion: 'local',
    };
  }

  private async deliverDeadLetter(message: Message): Promise<void> {
    const handler = this.options.deadLetterHandler;
    if (handler === undefined) return;
    try {
      await handler({ Records: [this.record(message)] }, { awsRequestId: randomUUID(), functionName: 'solve-dead-letter', getRemainingTimeInMillis: () => 30_000 });
    } catch (error) {
      this.options.log.error('dead-letter handler threw', { error });
    }
  }

  private notify(list: 'waiters' | 'stopWaiters'): void {
    const waiters = this[list];
    this[list] = [];
    for (const resolve of waiters) resolve();
  }
}
