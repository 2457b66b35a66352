import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { PlannerApi } from '../../infra/constructs/planner-api.js';

/*
 * The JWT authorizer compares a token's `iss` with its issuer string exactly.
 * Cognito's tokens say `https://cognito-idp.<region>.<domain>/<pool id>`, while
 * the pool's ProviderURL attribute has no scheme: the issuer must add it, or
 * every token is refused. The audience is the app client's id.
 */
function synthesizeApi() {
  // The API construct alone, in a bare stack; no bundling needed.
  const stack = new Stack(new App(), 'Bare');
  const userPool = new UserPool(stack, 'Pool');
  const client = userPool.addClient('Client');
  const api = new PlannerApi(stack, 'Api', { userPool, userPoolClients: [client], corsOrigins: [], rateLimit: 1, burstLimit: 1 });
  // The authorizer exists once a route uses it.
  const fn = new LambdaFunction(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
  api.addRoute(HttpMethod.GET, '/v1/plans', fn);
  const template = Template.fromStack(stack);
  const logicalId = (type: string) => Object.keys(template.findResources(type))[0]!;
  const authorizer = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0]!.Properties;
  return { authorizer, poolId: logicalId('AWS::Cognito::UserPool'), clientId: logicalId('AWS::Cognito::UserPoolClient') };
}

describe('the API authorizer', () => {
  it("takes the full https:// issuer URL from the user pool's ProviderURL", () => {
    const { authorizer, poolId } = synthesizeApi();

    expect(authorizer.JwtConfiguration.Issuer).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [poolId, 'ProviderURL'] }]] });
  });

  it("accepts tokens for the planner's app client only, from the Authorization header", () => {
    const { authorizer, clientId } = synthesizeApi();

    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
  });
});
