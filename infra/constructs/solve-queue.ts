import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface SolveQueueProps {
  /** Timeout of the function that consumes the queue; the visibility timeout is six times it. */
  readonly consumerTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. Default 5 (at least 5). */
  readonly maxReceiveCount?: number;
}

/**
 * Raised as soon as one message waits in a dead-letter queue: each one is a plan
 * or a scheduled run that failed for good and needs a person. Wire its action to
 * the operators' topic after deploying (docs/deploy.md, "Observing it").
 */
function deadLetterAlarm(scope: Construct, queue: Queue, what: string): Alarm {
  return new Alarm(scope, 'DeadLettersAlarm', {
    alarmDescription: `${what} waiting in a dead-letter queue`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/** AWS's guidance for Lambda consumers: visibility timeout at least six times the function timeout. */
export const VISIBILITY_FACTOR = 6;

/**
 * The queue of solve jobs, with its dead-letter queue. It absorbs bursts of
 * submissions (a whole country's provinces before a deadline) while the solve
 * function works through them at its reserved concurrency.
 */
export class SolveQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  /** The function timeout this queue was sized for; a consumer with a longer timeout fails synthesis. */
  readonly consumerTimeout: Duration;

  constructor(scope: Construct, id: string, props: SolveQueueProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (maxReceiveCount < 5) throw new Error(`maxReceiveCount must be at least 5, got ${maxReceiveCount}`);
    this.consumerTimeout = props.consumerTimeout;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * VISIBILITY_FACTOR),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterAlarm = deadLetterAlarm(this, this.deadLetterQueue, 'Solve jobs that failed every delivery');
  }
}

/** A dead-letter queue for a target that is not a queue (the regeneration schedule). */
export class DeadLetterQueue extends Construct {
  readonly queue: Queue;
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: { readonly purpose: string }) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: `This queue is itself a dead-letter queue (${props.purpose}); a DLQ of a DLQ would only move the problem.`,
    });
    this.alarm = deadLetterAlarm(this, this.queue, props.purpose);
  }
}
