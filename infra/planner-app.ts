import { App, Aws, Tags, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { PlannerConfig } from './config.js';
import type { HandlerEntries } from './handlers.js';
import { PlannerDataStack } from './stacks/data-stack.js';
import { PlannerServiceStack } from './stacks/service-stack.js';

export interface PlannerAppProps {
  readonly config: PlannerConfig;
  readonly entries: HandlerEntries;
  /** Path of highs.wasm to ship with the solve function. */
  readonly solverWasm: string;
  /** The report's CJK font file, shipped beside the report function's bundle. */
  readonly reportFont: string;
  /** The built web app (web/dist; `npm run build:web`). */
  readonly webDist: string;
  /** Account and region; omitted, the stacks are environment-agnostic. */
  readonly env?: Environment;
}

export interface PlannerStacks {
  readonly data: PlannerDataStack;
  readonly service: PlannerServiceStack;
}

/** Stack name prefix; with the stage: Planner-dev-Data, Planner-dev-Service. */
export const APP_PREFIX = 'Planner';

/**
 * Builds the planner's two stacks in `app` and applies the AWS Solutions
 * checks: every finding is either fixed or acknowledged with its reason at
 * the construct it concerns, and an unacknowledged one fails synthesis.
 */
export function buildPlannerApp(app: App, props: PlannerAppProps): PlannerStacks {
  const { config } = props;
  // Strong references (exports/imports): CloudFormation refuses to delete or change an
  // export of the data stack while the service stack still uses it, which is the point.
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  const prefix = `${APP_PREFIX}-${config.stage}`;

  const data = new PlannerDataStack(app, `${prefix}-Data`, {
    env: props.env,
    description: 'Expressway charging planner: plan table, solve queues, user pool (stateful, retained)',
    terminationProtection: true,
    provinces: config.provinces,
  });

  const service = new PlannerServiceStack(app, `${prefix}-Service`, {
    env: props.env,
    description: 'Expressway charging planner: functions, HTTP API, regeneration schedule (stateless)',
    plans: data.plans,
    solveQueue: data.solveQueue,
    regenerationDeadLetterQueue: data.regenerationDeadLetters.queue,
    userPool: data.users.userPool,
    userPoolClient: data.users.client,
    entries: props.entries,
    solverWasm: props.solverWasm,
    reportFont: props.reportFont,
    corsOrigins: config.corsOrigins,
    apiRateLimit: config.apiRateLimit,
    apiBurstLimit: config.apiBurstLimit,
    scheduleExpression: config.scheduleExpression,
    scheduleTimeZone: config.scheduleTimeZone,
    solveConcurrency: config.solveConcurrency,
    webDist: props.webDist,
    // Unique per region: the stage and the account keep two deployments apart.
    authDomainPrefix: `planner-${config.stage}-${Aws.ACCOUNT_ID}`,
  });

  for (const stack of [data, service]) {
    Tags.of(stack).add('application', 'expressway-charging-planner');
    Tags.of(stack).add('stage', config.stage);
  }

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, service };
}
