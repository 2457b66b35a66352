import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPoolClient, UserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface PlannerApiProps {
  /** A UserPool (not an imported IUserPool): the issuer is read from its ProviderURL attribute. */
  readonly userPool: UserPool;
  /** App clients whose tokens the API accepts (the JWT audience). */
  readonly userPoolClients: readonly IUserPoolClient[];
  /** Browser origins allowed by CORS; empty configures no CORS at all. */
  readonly corsOrigins: readonly string[];
  /** Steady requests per second the stage admits (all routes together). */
  readonly rateLimit: number;
  /** Burst the stage admits above the steady rate. */
  readonly burstLimit: number;
}

export interface RouteOptions {
  /** Leaves the route without authorization. Only for the health probe. */
  readonly public?: boolean;
}

/**
 * The HTTP API (payload format 2.0, which the handlers read) with a Cognito
 * JWT authorizer as the default for every route, stage-wide throttling, JSON
 * access logs and, when origins are given, CORS. HTTP APIs have no request
 * validators: the handlers validate bodies in full (the data set rules are
 * richer than a JSON schema), and the authorizer rejects unauthenticated
 * calls before any function runs.
 */
export class PlannerApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: PlannerApiProps) {
    super(scope, id);

    // The issuer comes from CloudFormation's ProviderURL of the pool, not from a
    // hand-built "https://cognito-idp.<region>.amazonaws.com/<id>": in the AWS China
    // regions the domain is amazonaws.com.cn, and a wrong issuer rejects every token.
    // ProviderURL has no scheme while the tokens' `iss` has, and the authorizer
    // compares the two exactly: add it.
    const issuer = Fn.join('', ['https://', props.userPool.userPoolProviderUrl]);
    const authorizer = new HttpJwtAuthorizer('CognitoAuthorizer', issuer, {
      jwtAudience: props.userPoolClients.map((client) => client.userPoolClientId),
      identitySource: ['$request.header.Authorization'],
    });

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Expressway fast-charging network planner',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
      corsPreflight:
        props.corsOrigins.length === 0
          ? undefined
          : {
              allowOrigins: [...props.corsOrigins],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.OPTIONS],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['content-disposition'],
              maxAge: Duration.hours(1),
            },
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // Who called what and how it ended; never headers or bodies (tokens, data sets).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });
  }

  /** Routes `method path` to `fn`; authorized by the Cognito authorizer unless `public`. */
  addRoute(method: HttpMethod, path: string, fn: IFunction, options: RouteOptions = {}): HttpRoute {
    const [route] = this.httpApi.addRoutes({
      path,
      methods: [method],
      integration: this.integrationFor(fn),
      ...(options.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
    });
    if (route === undefined) throw new Error(`no route created for ${method} ${path}`);
    if (options.public) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'The health probe answers load balancers and uptime monitors without credentials and returns no data.',
      });
    }
    return route;
  }

  /** One integration (and one invoke permission) per function, shared by its routes. */
  private integrationFor(fn: IFunction): HttpLambdaIntegration {
    let integration = this.integrations.get(fn);
    if (integration === undefined) {
      integration = new HttpLambdaIntegration(`${fn.node.scope?.node.id ?? fn.node.id}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    return integration;
  }
}
