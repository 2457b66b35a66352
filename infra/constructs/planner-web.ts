import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnManagedLoginBranding, ManagedLoginVersion, OAuthScope, UserPoolClient, UserPoolDomain, type UserPool } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { webContentSecurityPolicy } from '../../web/csp.js';
import type { PlannerApi } from './planner-api.js';

export interface PlannerWebProps {
  readonly userPool: UserPool;
  /** The built web app (web/dist). */
  readonly webDist: string;
  /** Prefix of the Cognito managed login domain, unique in the region. */
  readonly authDomainPrefix: string;
  /** Optional basemap tile URL template (e.g. Tianditu WMTS with its key) and attribution for the map. */
  readonly basemap?: { readonly url: string; readonly attribution?: string };
}

/** The app's own routes are paths without a file extension: CloudFront answers them with index.html. */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

export const CALLBACK_PATH = '/auth/callback';

/**
 * The web app in AWS: a private S3 bucket read by CloudFront through origin
 * access control, the HTTP API under the same distribution at /v1/* (one
 * origin for the browser: no CORS), sign-in through the user pool's managed
 * login (authorization code with PKCE, a public app client), and the runtime
 * config.json the app reads, written by the deployment.
 *
 * Built before the API (whose authorizer must accept the web client's tokens);
 * `routeApi` then puts the API under /v1/*.
 */
export class PlannerWeb extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: PlannerWebProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Only build output lives here: every deployment writes it again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built web app, rewritten by each deployment; CloudFront is its only reader and its requests are what matters (see the distribution).',
    });

    const rewrite = new CloudFrontFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(SPA_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Routes of the web app (paths without a file extension) answer with index.html',
    });

    // The same policy the local server sends (web/csp.ts), plus the Cognito domain for the token exchange.
    const headers = new ResponseHeadersPolicy(this, 'AppHeaders', {
      comment: 'Security headers of the planner web app',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: webContentSecurityPolicy(['https://*.amazoncognito.com']),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Expressway charging planner: web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Planners and reviewers sign in from wherever they work; access is controlled by Cognito sign-in, not by country.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Every API call needs a Cognito token and the HTTP API stage is throttled; docs/deploy.md says how to attach a web ACL where the department runs AWS WAF.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'The API stage keeps JSON access logs of every call; the static files carry no data. docs/deploy.md says how to turn on standard logging.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The distribution uses the default *.cloudfront.net certificate, where CloudFront fixes the viewer TLS policy; with a custom domain the minimum is TLS 1.2 (set above).',
      },
    );

    // In this stack, not the pool's: the client names the distribution, which the data stack must not depend on.
    this.client = new UserPoolClient(this, 'WebClient', {
      userPool: props.userPool,
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`https://${this.distribution.distributionDomainName}${CALLBACK_PATH}`],
        logoutUrls: [`https://${this.distribution.distributionDomainName}/`],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    this.domain = new UserPoolDomain(this, 'ManagedLogin', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.authDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    new CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    const config = {
      auth: { mode: 'cognito', domain: this.domain.baseUrl(), clientId: this.client.userPoolClientId, scopes: ['openid', 'email', 'profile'] },
      ...(props.basemap === undefined ? {} : { basemap: props.basemap }),
    };
    new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.webDist, { exclude: ['.built'] }), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    // The deployment's copying function is a CDK singleton at the stack's root.
    const stack = Stack.of(this);
    const siteBucket = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const copying = 'copies the web app from the CDK asset bucket into the site bucket, removes stale files and invalidates the distribution, with the grants the CDK gives it';
    for (const child of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      Validations.of(child).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'The CDK deployment function writes its logs through the AWS managed basic execution policy; it runs only during deployments.',
        },
        ...['Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*'].map((evidence) => ({
          id: `AwsSolutions-IAM5[${evidence}]`,
          reason: `The CDK deployment function ${copying}: object actions on those two buckets only.`,
        })),
        { id: `AwsSolutions-IAM5[Resource::<${siteBucket}.Arn>/*]`, reason: `The CDK deployment function ${copying}: every object of the site bucket.` },
        {
          id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
          reason: `The CDK deployment function ${copying}: it reads the web app's asset from the CDK asset bucket.`,
        },
        { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'CloudFront invalidations cannot be limited to one distribution by resource in the policy the CDK writes; the function runs only during deployments.' },
        { id: 'AwsSolutions-L1', reason: 'The CDK chooses and updates the runtime of its own deployment function with the aws-cdk-lib version.' },
      );
    }

    new CfnOutput(this, 'WebUrl', { value: `https://${this.distribution.distributionDomainName}/`, description: 'The web app (and the API under /v1/)' });
    new CfnOutput(this, 'SignInDomain', { value: this.domain.baseUrl(), description: 'Cognito managed login of the web app' });
  }

  /** Serves the API under /v1/* of the distribution: never cached, every viewer header (Authorization) passed on. */
  routeApi(api: PlannerApi): void {
    const origin = new HttpOrigin(`${api.httpApi.apiId}.execute-api.${Stack.of(this).region}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    });
    this.distribution.addBehavior('/v1/*', origin, {
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
    });
  }
}
