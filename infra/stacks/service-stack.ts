import { CfnOutput, Duration, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { bindQueue, bindTable } from '../constructs/bind.js';
import { PlannerApi } from '../constructs/planner-api.js';
import { PlannerWeb } from '../constructs/planner-web.js';
import type { PlanTable } from '../constructs/plan-table.js';
import { LAMBDA_TASK_ROOT, PlannerFunction, type PlannerFunctionProps } from '../constructs/planner-function.js';
import { VISIBILITY_FACTOR, type SolveQueue } from '../constructs/solve-queue.js';
import { functionName, HTTP_FUNCTIONS, JOBS, ROUTES, type FunctionName, type FunctionSpec } from '../../functions/routes.js';
import type { HandlerEntries } from '../handlers.js';

/** `get-plan` → `GetPlan`: the function's construct ID, from which its logical IDs derive. */
const constructId = (file: string) => file.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());

export interface PlannerServiceStackProps extends StackProps {
  readonly plans: PlanTable;
  readonly solveQueue: SolveQueue;
  readonly regenerationDeadLetterQueue: IQueue;
  readonly userPool: UserPool;
  readonly userPoolClient: IUserPoolClient;
  readonly entries: HandlerEntries;
  /** highs.wasm, shipped beside the solve function's bundle. */
  readonly solverWasm: string;
  /** The CJK font of the PDF report, shipped beside the report function's bundle. */
  readonly reportFont: string;
  readonly corsOrigins: readonly string[];
  readonly apiRateLimit: number;
  readonly apiBurstLimit: number;
  readonly scheduleExpression: string;
  readonly scheduleTimeZone: string;
  /** Reserved concurrency of the solve function: solve jobs that run at once. */
  readonly solveConcurrency: number;
  /** The built web app (web/dist), served with the API by one CloudFront distribution. */
  readonly webDist: string;
  /** Prefix of the web app's Cognito sign-in domain; default planner-<stage>-<account>. */
  readonly authDomainPrefix: string;
}

/**
 * Everything stateless: the functions, the API and the regeneration schedule.
 * Safe to destroy and redeploy; it receives the stateful resources as props.
 */
export class PlannerServiceStack extends Stack {
  readonly api: PlannerApi;
  readonly web: PlannerWeb;
  readonly functions: Readonly<Record<FunctionName, PlannerFunction>>;

  constructor(scope: Construct, id: string, props: PlannerServiceStackProps) {
    super(scope, id, props);
    const { plans, entries } = props;
    const queue = props.solveQueue.queue;

    // Every function of the registry, sized and granted as its row says; the construct ID (GetPlan) comes from the file (get-plan).
    const functions = {} as Record<FunctionName, PlannerFunction>;
    const build = (spec: FunctionSpec, extra: Partial<PlannerFunctionProps> = {}): PlannerFunction => {
      const name = functionName(spec.file) as FunctionName;
      const built = new PlannerFunction(this, constructId(spec.file), { entry: entries[name], role: spec.size, ...extra });
      if (spec.access.table !== undefined) bindTable(built.fn, plans, spec.access.table);
      if (spec.access.queue !== undefined) bindQueue(built.fn, queue, spec.access.queue);
      return (functions[name] = built);
    };
    // The report's function finds its font beside its bundle (functions/lib/report-font.ts).
    for (const spec of HTTP_FUNCTIONS) build(spec, spec.size === 'report' ? { extraFiles: [props.reportFont] } : {});

    const scheduledRegenerate = build(JOBS.scheduledRegenerate, {
      // One run at a time: overlapping runs would enqueue the same plans twice.
      reservedConcurrentExecutions: 1,
    });

    const solveJob = build(JOBS.solveJob, {
      reservedConcurrentExecutions: props.solveConcurrency,
      extraFiles: [props.solverWasm],
      environment: { HIGHS_WASM_DIR: LAMBDA_TASK_ROOT },
    });
    const solveTimeout = solveJob.fn.timeout ?? Duration.seconds(3);
    this.node.addValidation({
      validate: () =>
        solveTimeout.toSeconds() > props.solveQueue.consumerTimeout.toSeconds()
          ? [
              `the solve function's timeout (${solveTimeout.toSeconds()} s) exceeds the ${props.solveQueue.consumerTimeout.toSeconds()} s ` +
                `the solve queue's visibility timeout was sized for (${VISIBILITY_FACTOR}x); a message would reappear mid-solve`,
            ]
          : [],
    });
    solveJob.fn.addEventSource(
      new SqsEventSource(queue, {
        // One data set per invocation: a province-scale solve fills the function, and a failure retries only its own job.
        batchSize: 1,
        reportBatchItemFailures: true,
        // Matches the reserved concurrency, so the poller does not fetch messages the function would be throttled on.
        maxConcurrency: Math.max(2, props.solveConcurrency),
      }),
    );

    // A job that spent every delivery ends its version as failed, so no plan stays queued or solving.
    const solveDeadLetter = build(JOBS.solveDeadLetter);
    solveDeadLetter.fn.addEventSource(new SqsEventSource(props.solveQueue.deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }));

    this.functions = functions;

    this.web = new PlannerWeb(this, 'Web', { userPool: props.userPool, webDist: props.webDist, authDomainPrefix: props.authDomainPrefix });
    this.api = new PlannerApi(this, 'Api', {
      userPool: props.userPool,
      userPoolClients: [props.userPoolClient, this.web.client],
      corsOrigins: props.corsOrigins,
      rateLimit: props.apiRateLimit,
      burstLimit: props.apiBurstLimit,
    });
    // The registry's routes, each to its row's function (a shared function gets one integration).
    for (const route of ROUTES) {
      this.api.addRoute(HttpMethod[route.method], route.path, functions[functionName(route.handler.file)].fn, { public: !route.auth });
    }
    // The functions echo only these origins (API Gateway answers the preflights); without any, no CORS header at all.
    if (props.corsOrigins.length > 0) {
      for (const spec of HTTP_FUNCTIONS) functions[functionName(spec.file)].fn.addEnvironment('CORS_ORIGINS', props.corsOrigins.join(','));
    }
    this.web.routeApi(this.api);
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the planner API' });

    const schedulerRole = new Role(this, 'RegenerationScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the scheduled regeneration function',
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(scheduledRegenerate.fn.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on the one scheduled function, any of its versions; the CDK target grants it so.',
    });

    new Schedule(this, 'RegenerationSchedule', {
      description: 'Regenerates the stored plans with the current data and solver',
      schedule: ScheduleExpression.expression(props.scheduleExpression, TimeZone.of(props.scheduleTimeZone)),
      target: new LambdaInvoke(scheduledRegenerate.fn, {
        role: schedulerRole,
        // The scheduled time is the same on every retry of one run, so the handler can tell a retry from a new run.
        input: ScheduleTargetInput.fromObject({ tick: ContextAttribute.scheduledTime }),
        // Covers delivery to Lambda (throttling, permissions)...
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: props.regenerationDeadLetterQueue,
      }),
    });
    // Every 30 minutes, the same function only sweeps versions stuck past their bound (functions/lib/sweep.ts).
    new Schedule(this, 'StuckSolveSweep', {
      description: 'Requeues once, then fails, plan versions left queued or solving past their bound',
      schedule: ScheduleExpression.rate(Duration.minutes(30)),
      target: new LambdaInvoke(scheduledRegenerate.fn, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ tick: ContextAttribute.scheduledTime, sweep: true }),
        retryAttempts: 1,
        maxEventAge: Duration.minutes(30),
        deadLetterQueue: props.regenerationDeadLetterQueue,
      }),
    });
    // ...while the function's own errors are retried by Lambda: the scheduler invokes it
    // asynchronously and never sees them. Both end in the same dead-letter queue.
    scheduledRegenerate.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(props.regenerationDeadLetterQueue),
    });
  }
}
