import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logicalIdOf, resourcesOf, synthesize, type Synthesized } from './synth.js';

/*
 * The web app's hosting in the service stack: private bucket behind CloudFront
 * with origin access control, the API under /v1/* of the same distribution,
 * Cognito managed login with the authorization code flow, and config.json.
 * The synthesis runs cdk-nag: an unacknowledged finding would throw here.
 */
let s: Synthesized;
beforeAll(() => {
  s = synthesize({ raw: { stage: 'test' } });
});
afterAll(() => s?.dispose());

const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function distribution() {
  const [config] = Object.values(resourcesOf(s.serviceTemplate, 'AWS::CloudFront::Distribution')).map((d) => d.Properties.DistributionConfig);
  return config;
}

describe('the web app in AWS', () => {
  it('keeps the site bucket private: all public access blocked, TLS only, readable by this distribution alone', () => {
    const bucketId = logicalIdOf(s.service.web.bucket);
    s.serviceTemplate.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      WebsiteConfiguration: Match.absent(),
    });
    const policy = Object.values(resourcesOf(s.serviceTemplate, 'AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket).includes(bucketId))!;
    const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Condition?: unknown; Action: unknown }[];
    const cloudFront = statements.filter((st) => JSON.stringify(st.Principal).includes('cloudfront.amazonaws.com'));
    expect(cloudFront.length).toBeGreaterThan(0);
    for (const st of cloudFront) expect(JSON.stringify(st.Condition)).toContain('AWS:SourceArn');
    expect(statements.some((st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('aws:SecureTransport'))).toBe(true);
    expect(statements.some((st) => st.Effect === 'Allow' && JSON.stringify(st.Principal) === '"*"')).toBe(false);
  });

  it('reads the bucket through origin access control and answers the app routes with index.html', () => {
    s.serviceTemplate.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.DefaultCacheBehavior.FunctionAssociations[0].EventType).toBe('viewer-request');
    const [fn] = Object.values(resourcesOf(s.serviceTemplate, 'AWS::CloudFront::Function'));
    expect(fn!.Properties.FunctionCode).toContain("request.uri = '/index.html'");
    const [headers] = Object.values(resourcesOf(s.serviceTemplate, 'AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    // The headers docs/deploy.md lists: nosniff, no framing, a referrer policy, HSTS.
    const security = headers!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true });
    // No error-page rewriting: the API's own 403 and 404 must reach the browser as they are.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('serves the HTTP API under /v1/* of the same distribution, uncached, with the Authorization header passed on', () => {
    const config = distribution();
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/v1/*');
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    // CloudFront's managed SecurityHeadersPolicy on every API answer (nosniff, no framing, referrer policy, HSTS).
    expect(api.ResponseHeadersPolicyId).toBe('67f7725c-6f97-4210-82d7-5512b31e9d03');
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']));
    const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    const apiId = logicalIdOf(s.service.api.httpApi);
    expect(JSON.stringify(origin.DomainName)).toContain(apiId);
    expect(JSON.stringify(origin.DomainName)).toContain('execute-api');
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('signs in through the managed login with the authorization code flow of a public client, whose tokens the API accepts', () => {
    const clientId = logicalIdOf(s.service.web.client);
    s.serviceTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/auth/callback'])]) })],
    });
    s.serviceTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    s.serviceTemplate.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
    const [authorizer] = Object.values(resourcesOf(s.serviceTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    expect(JSON.stringify(authorizer!.Properties.JwtConfiguration.Audience)).toContain(clientId);
  });

  it('writes config.json for the app with the sign-in domain and the web client', () => {
    const [deployment] = Object.values(resourcesOf(s.serviceTemplate, 'Custom::CDKBucketDeployment'));
    expect(JSON.stringify(deployment!.Properties.DestinationBucketName)).toContain(logicalIdOf(s.service.web.bucket));
    expect(deployment!.Properties.DistributionId).toBeDefined();
    // Source.jsonData with deploy-time values: the markers name the client and the domain.
    const markers = JSON.stringify(deployment!.Properties.SourceMarkers);
    expect(markers).toContain(logicalIdOf(s.service.web.client));
    expect(markers).toContain(logicalIdOf(s.service.web.domain));
  });
});
