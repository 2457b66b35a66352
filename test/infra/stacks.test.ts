import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS, functionName, ROUTES } from '../../functions/routes.js';
import { TABLE_ACTIONS } from '../../infra/constructs/bind.js';
import { PlannerApi } from '../../infra/constructs/planner-api.js';
import { SIZING } from '../../infra/constructs/planner-function.js';
import { logicalIdOf, resourcesOf, synthesize, type Synthesized } from './synth.js';

// One synthesis for the whole file: bundling costs seconds per stack.
let s: Synthesized;
beforeAll(() => {
  s = synthesize({
    raw: {
      stage: 'test',
      corsOrigins: 'https://planner.example.gov.cn',
      provinces: 'GD,GX',
      solveConcurrency: '7',
      scheduleExpression: 'cron(0 3 ? * MON *)',
    },
  });
});
afterAll(() => s?.dispose());

const WRITE_ACTIONS = /^(dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite|PartiQL(Insert|Update|Delete)|CreateTable|DeleteTable|UpdateTable)|sqs:SendMessage)/;

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** Statements of the inline policies attached to a function's execution role. */
function statementsOfRole(roleLogicalId: string): Statement[] {
  return Object.values(resourcesOf(s.serviceTemplate, 'AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((st) => [st.Action].flat());

describe('the stateful stack', () => {
  it('keeps the logical IDs of the table, the queues and the user pool, so an update never replaces them', () => {
    // Prepare
    const stateful = [
      'AWS::DynamoDB::Table',
      'AWS::SQS::Queue',
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolGroup',
    ];
    // Act
    const ids = stateful.flatMap((type) => Object.keys(s.dataTemplate.findResources(type))).sort();
    // Assess: changing one of these is a data migration, not a refactoring.
    expect(ids).toEqual(
      [
        'PlansTable43930FF8',
        'RegenerationDeadLettersQueue326AC255',
        'SolveJobsDeadLetterQueue9FEF2EE3',
        'SolveJobsQueue41525BA4',
        'UsersProvinceGroupGDC6A48B5B',
        'UsersProvinceGroupGX088F631D',
        'UsersReviewerGroup42BE5679',
        'UsersUserPool7E610616',
        'UsersUserPoolCliClientBF854003',
      ].sort(),
    );
  });

  it('retains the table, the queues and the user pool when the stack is deleted or a resource replaced', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Cognito::UserPool']) {
      for (const resource of Object.values(s.dataTemplate.findResources(type))) {
        expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      }
    }
  });

  it('stores plans on demand, encrypted, with point-in-time recovery and deletion protection', () => {
    s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('keys the table by pk/sk with one index gsi1 on gsi1pk/gsi1sk projecting all attributes', () => {
    s.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('moves a solve job to the dead-letter queue after at least five failed receives', () => {
    const queue = resourcesOf(s.dataTemplate, 'AWS::SQS::Queue')[logicalIdOf(s.data.solveQueue.queue)]!;
    const redrive = queue.Properties.RedrivePolicy;
    expect(redrive.maxReceiveCount).toBeGreaterThanOrEqual(5);
    expect(redrive.deadLetterTargetArn).toEqual({
      'Fn::GetAtt': [logicalIdOf(s.data.solveQueue.deadLetterQueue), 'Arn'],
    });
  });

  it('raises an alarm as soon as one message waits in either dead-letter queue', () => {
    const alarms = Object.values(resourcesOf(s.dataTemplate, 'AWS::CloudWatch::Alarm'));
    const watched = alarms.map((alarm) => {
      expect(alarm.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
      expect(alarm.Properties.Threshold).toBe(1);
      expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
      return alarm.Properties.Dimensions[0].Value['Fn::GetAtt'][0];
    });
    expect(watched.sort()).toEqual(
      [logicalIdOf(s.data.solveQueue.deadLetterQueue), logicalIdOf(s.data.regenerationDeadLetters.queue)].sort(),
    );
  });

  it('encrypts every queue and refuses requests that are not TLS', () => {
    const queues = resourcesOf(s.dataTemplate, 'AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(3);
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      s.dataTemplate.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('lets only administrators create users, requires TOTP MFA and a strong password', () => {
    s.dataTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('creates the reviewer group and a province-XX group per configured province', () => {
    const groups = Object.values(resourcesOf(s.dataTemplate, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['province-GD', 'province-GX', 'reviewer']);
  });
});

describe('the solve path', () => {
  it("keeps a solve message invisible for at least six times the solve function's timeout", () => {
    const queue = resourcesOf(s.dataTemplate, 'AWS::SQS::Queue')[logicalIdOf(s.data.solveQueue.queue)]!;
    const solve = resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function')[logicalIdOf(s.service.functions.solveJob.fn)]!;
    expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * solve.Properties.Timeout);
  });

  it('reports batch item failures from the solve event source and takes one job per invocation', () => {
    s.serviceTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(s.service.functions.solveJob.fn) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 7 },
    });
  });

  it('sizes the solve function for province-scale solves: 15 minutes, 4 GB, reserved concurrency', () => {
    s.serviceTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 900,
      MemorySize: 4096,
      ReservedConcurrentExecutions: 7,
      Environment: { Variables: Match.objectLike({ HIGHS_WASM_DIR: '/var/task' }) },
    });
  });

  it('ships highs.wasm beside the bundled solve function', () => {
    const solve = resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function')[logicalIdOf(s.service.functions.solveJob.fn)]!;
    const assetDir = join(s.outdir, `asset.${String(solve.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(assetDir, 'highs.wasm'))).toBe(true);
  });
});

/** The CDK's own helpers of the web app's hosting (copying the build, emptying the bucket on delete), not the planner's functions. */
const CDK_HELPER = /^(CustomCDKBucketDeployment|CustomS3AutoDeleteObjects)/;
const plannerOnly = <T>(resources: Record<string, T>) => Object.fromEntries(Object.entries(resources).filter(([id]) => !CDK_HELPER.test(id)));

describe('every function', () => {
  it('runs Node.js 22 on arm64 with active tracing, source maps and its own log group with a retention', () => {
    const functions = plannerOnly(resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function'));
    expect(Object.keys(functions)).toHaveLength(ALL_FUNCTIONS.length);
    const logGroups = resourcesOf(s.serviceTemplate, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(logGroups[logGroupId]!.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('uses no AWS managed policy: execution roles carry only what the bindings grant', () => {
    for (const role of Object.values(plannerOnly(resourcesOf(s.serviceTemplate, 'AWS::IAM::Role')))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('gives the read-only handlers no write and no send permission', () => {
    for (const fn of [s.service.functions.getPlan, s.service.functions.listPlans, s.service.functions.downloadSites, s.service.functions.getVersion, s.service.functions.getProgress, s.service.functions.diffVersions]) {
      const actions = actionsOf(statementsOfRole(logicalIdOf(fn.role)));
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((action) => WRITE_ACTIONS.test(action) || action.endsWith('*'))).toEqual([]);
    }
  });

  it('grants each function exactly what its registry row says it may touch, sized as the row says', () => {
    for (const spec of ALL_FUNCTIONS) {
      const fn = s.service.functions[functionName(spec.file) as keyof typeof s.service.functions];
      const actions = actionsOf(statementsOfRole(logicalIdOf(fn.role)));
      expect({ file: spec.file, table: actions.filter((action) => action.startsWith('dynamodb:')).sort() }).toEqual({
        file: spec.file,
        table: spec.access.table === undefined ? [] : [...TABLE_ACTIONS[spec.access.table]].sort(),
      });
      expect({ file: spec.file, send: actions.includes('sqs:SendMessage') }).toEqual({ file: spec.file, send: spec.access.queue === 'send' });
      const resource = resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function')[logicalIdOf(fn.fn)]!;
      expect({ file: spec.file, memory: resource.Properties.MemorySize }).toEqual({ file: spec.file, memory: SIZING[spec.size].memorySize });
    }
  });

  it('gives the health probe no data access at all', () => {
    const actions = actionsOf(statementsOfRole(logicalIdOf(s.service.functions.health.role)));
    expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('sqs:'))).toEqual([]);
  });

  it('grants table access to exactly the functions told TABLE_NAME, and sending to exactly those told QUEUE_URL', () => {
    for (const [name, fn] of Object.entries(s.service.functions)) {
      const resource = resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function')[logicalIdOf(fn.fn)]!;
      const env = Object.keys(resource.Properties.Environment.Variables as Record<string, string>);
      const actions = actionsOf(statementsOfRole(logicalIdOf(fn.role)));
      expect({ name, table: env.includes('TABLE_NAME') }).toEqual({ name, table: actions.some((a) => a.startsWith('dynamodb:')) });
      expect({ name, queue: env.includes('QUEUE_URL') }).toEqual({ name, queue: actions.includes('sqs:SendMessage') });
    }
  });

  it('lets exactly the handlers that enqueue or store results write to the table', () => {
    const writers = Object.entries(s.service.functions)
      .filter(([, fn]) => actionsOf(statementsOfRole(logicalIdOf(fn.role))).includes('dynamodb:PutItem'))
      .map(([name]) => name)
      .sort();
    expect(writers).toEqual(['createCurve', 'createScenario', 'regeneratePlan', 'reportProgress', 'reviewVersion', 'reviseDataset', 'scheduledRegenerate', 'solveDeadLetter', 'solveJob', 'submitPlan']);
  });

  it('scopes table grants to the table and its gsi1 index, never to every index', () => {
    for (const policy of Object.values(resourcesOf(s.serviceTemplate, 'AWS::IAM::Policy'))) {
      const text = JSON.stringify(policy.Properties.PolicyDocument);
      expect(text).not.toContain('/index/*');
    }
  });
});

describe('the API', () => {
  const routeKeys = () =>
    Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey as string);

  it('serves the routes of the registry, and no other', () => {
    expect(routeKeys().sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it("sends each route to its registry row's function", () => {
    const expected = Object.fromEntries(ROUTES.map((route) => [`${route.method} ${route.path}`, logicalIdOf(s.service.functions[functionName(route.handler.file)].fn)]));
    const integrations = resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Integration');
    for (const route of Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Route'))) {
      const integrationId = String(route.Properties.Target['Fn::Join'][1][1].Ref);
      const integration = integrations[integrationId]!.Properties;
      expect(integration.PayloadFormatVersion).toBe('2.0');
      expect({ route: route.Properties.RouteKey, fn: integration.IntegrationUri['Fn::GetAtt'][0] }).toEqual({
        route: route.Properties.RouteKey,
        fn: expected[route.Properties.RouteKey],
      });
    }
  });

  it('requires a Cognito JWT on every route but the health probe', () => {
    const authorizerId = Object.keys(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Authorizer'))[0];
    for (const route of Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Route'))) {
      if (route.Properties.RouteKey === 'GET /health') {
        expect(route.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      } else {
        expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    }
  });

  it("accepts only tokens issued by the planner's user pool for its client, from the Authorization header", () => {
    const authorizer = Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Authorizer'))[0]!.Properties;
    expect(authorizer).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    // Cross-stack references: the issuer is the pool's ProviderURL (right domain in every partition), the audience its client.
    expect(JSON.stringify(authorizer.JwtConfiguration.Issuer)).toMatch(/ExportsOutputFnGetAttUsersUserPool7E610616ProviderURL/);
    expect(JSON.stringify(authorizer.JwtConfiguration.Audience)).toMatch(/ExportsOutputRefUsersUserPoolCliClientBF854003/);
  });

  it('throttles the stage and writes JSON access logs to a log group with a retention', () => {
    const stage = Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Stage'))[0]!.Properties;
    expect(stage.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    const format = JSON.parse(stage.AccessLogSettings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    const logGroup = resourcesOf(s.serviceTemplate, 'AWS::Logs::LogGroup')[stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0]]!;
    expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('allows the configured browser origin, and only it, with CORS', () => {
    s.serviceTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['https://planner.example.gov.cn'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      }),
    });
  });

  it('tells every function behind a route the configured origins, and no other function', () => {
    const functions = resourcesOf(s.serviceTemplate, 'AWS::Lambda::Function');
    const withOrigins = Object.keys(functions).filter((id) => functions[id]!.Properties.Environment?.Variables?.CORS_ORIGINS === 'https://planner.example.gov.cn').sort();
    const behindRoutes = [...new Set(Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Integration')).map((integration) => String(integration.Properties.IntegrationUri['Fn::GetAtt'][0])))].sort();
    expect(withOrigins).toEqual(behindRoutes);
    expect(behindRoutes.length).toBeGreaterThan(5);
  });

  it('configures no CORS when no origin is given', () => {
    // Prepare: the API construct alone, in a bare stack; no bundling needed.
    const stack = new Stack(new App(), 'Bare');
    const userPool = new UserPool(stack, 'Pool');
    // Act
    new PlannerApi(stack, 'Api', {
      userPool,
      userPoolClients: [userPool.addClient('Client')],
      corsOrigins: [],
      rateLimit: 1,
      burstLimit: 1,
    });
    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });
});

describe('the regeneration schedule', () => {
  it('invokes the scheduled function on the configured expression with retries and a dead-letter queue', () => {
    s.serviceTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 ? * MON *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalIdOf(s.service.functions.scheduledRegenerate.fn), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
        DeadLetterConfig: { Arn: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('RegenerationDeadLetters') }) },
      }),
    });
    const target = Object.values(resourcesOf(s.serviceTemplate, 'AWS::Scheduler::Schedule')).find((schedule) => schedule.Properties.ScheduleExpression === 'cron(0 3 ? * MON *)')!.Properties.Target;
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThanOrEqual(1);
    // The scheduled time names the run, identical on each retry of it.
    expect(JSON.parse(target.Input as string)).toEqual({ tick: '<aws.scheduler.scheduled-time>' });
  });

  it('sweeps stuck versions every 30 minutes through the same function, asking for the sweep only', () => {
    const sweep = Object.values(resourcesOf(s.serviceTemplate, 'AWS::Scheduler::Schedule')).find((schedule) => schedule.Properties.ScheduleExpression === 'rate(30 minutes)');

    expect(sweep).toBeDefined();
    expect(sweep!.Properties.Target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(s.service.functions.scheduledRegenerate.fn), 'Arn'] });
    expect(JSON.parse(sweep!.Properties.Target.Input as string)).toEqual({ tick: '<aws.scheduler.scheduled-time>', sweep: true });
  });

  it('consumes the solve dead-letter queue with the handler that fails unfinished versions', () => {
    s.serviceTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(s.service.functions.solveDeadLetter.fn) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      EventSourceArn: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('DeadLetterQueue') }),
    });
  });

  it("retries the scheduled function's own failures and sends the last one to the same dead-letter queue", () => {
    s.serviceTemplate.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(s.service.functions.scheduledRegenerate.fn) },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('RegenerationDeadLetters') }) },
      },
    });
  });
});

describe('the stack outputs', () => {
  it('carry the stable names docs/deploy.md reads them by', () => {
    const named = Object.keys(s.dataTemplate.findOutputs('*')).filter((key) => !key.startsWith('ExportsOutput'));
    expect(named.sort()).toEqual(
      ['PlanTableName', 'SolveDeadLetterQueueUrl', 'UserPoolClientId', 'UserPoolId'],
    );
    s.serviceTemplate.hasOutput('ApiUrl', {});
  });
});

describe('the cdk-nag acknowledgements', () => {
  it('each state a reason', () => {
    const acknowledged = s.app.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      .flatMap((m) => Object.entries(m.data as Record<string, string>));
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThanOrEqual(40);
    }
  });
});
