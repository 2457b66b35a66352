import { basename } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionSize } from '../../functions/routes.js';

/** What a function does decides its size; every function is one of these (the registry's rows name it). */
export type FunctionRole = FunctionSize;

interface Sizing {
  readonly memorySize: number;
  readonly timeout: Duration;
}

/**
 * Memory and timeout per role. API handlers stay under HTTP API's 30 s
 * integration limit; a data set of 5,000 service areas is a few MB of JSON,
 * which 1 GB parses and validates with room. The solver gets 15 minutes (the
 * Lambda maximum) and 4 GB: HiGHS runs single-threaded, and memory buys CPU
 * share (a full vCPU from 1,769 MB) and room for the WebAssembly heap.
 */
export const SIZING: Readonly<Record<FunctionRole, Sizing>> = {
  probe: { memorySize: 256, timeout: Duration.seconds(5) },
  api: { memorySize: 1024, timeout: Duration.seconds(29) },
  // The PDF report: reads a 10 MB font and lays out every site; 2 GB buys the CPU for a 1,200-site report in a few seconds cold.
  report: { memorySize: 2048, timeout: Duration.seconds(29) },
  batch: { memorySize: 512, timeout: Duration.minutes(5) },
  solver: { memorySize: 4096, timeout: Duration.minutes(15) },
};

/** Where Lambda unpacks the bundle; files shipped with `extraFiles` land here. */
export const LAMBDA_TASK_ROOT = '/var/task';

export interface PlannerFunctionProps {
  /** TypeScript file exporting `handler`. */
  readonly entry: string;
  /** Sets memory and timeout from SIZING. */
  readonly role: FunctionRole;
  /** Merged over the defaults (NODE_OPTIONS); bindings (bindTable, bindQueue) add theirs later. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Files copied beside the bundle, e.g. a WebAssembly module the code loads at run time. */
  readonly extraFiles?: readonly string[];
  /** Cap on concurrent executions. Default: none (shares the account's pool). */
  readonly reservedConcurrentExecutions?: number;
  /** Overrides the role's memory (MB). */
  readonly memorySize?: number;
  readonly description?: string;
}

/**
 * Every Lambda function of the planner, with the defaults in one place:
 * Node.js 22 on arm64, ESM bundle built by the local esbuild (no Docker), source
 * maps switched on, X-Ray tracing, its own log group with a retention, and an
 * execution role that may write to that log group and nothing else until a
 * binding grants more.
 */
export class PlannerFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: PlannerFunctionProps) {
    super(scope, id);
    const sizing = SIZING[props.role];
    const extraFiles = props.extraFiles ?? [];

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      // Kept after a teardown for audit; the retention still expires the events.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the planner function ${id}`,
    });
    // Scoped to its own log group, instead of the AWSLambdaBasicExecutionRole managed policy (every group).
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? sizing.memorySize,
      timeout: sizing.timeout,
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        banner: "import { createRequire } from 'module';const require = createRequire(import.meta.url);",
        sourceMap: true,
        minify: true,
        keepNames: true,
        // Ship the SDK version the tests ran against, not whatever the runtime carries that month.
        bundleAwsSDK: true,
        forceDockerBundling: false,
        commandHooks:
          extraFiles.length === 0
            ? undefined
            : {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  extraFiles.map((file) => `cp "${file}" "${outputDir}/${basename(file)}"`),
              },
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the handlers, the pinned AWS SDK and the WebAssembly solver are tested on; ' +
        'moving to a newer runtime is a tested change, not an automatic one.',
    });
  }
}
