import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../lib/http.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from '../lib/lambda-types.js';
import type { HandlerDeps } from '../lib/plans.js';
import { HTTP_FUNCTIONS, ROUTES, type HandlerModule, type HttpFile, type RouteSpec } from '../routes.js';
import { lambdaContext, problem, readBody, toEvent } from './http-event.js';
import { claimsAsAuthorizerDoes, InvalidTokenError, verifyToken } from './jwt.js';

/**
 * One job: API Gateway's part for the local server. It serves the routes of
 * the registry (functions/routes.ts), each by its handler built from the local
 * repository and queue with the factory Lambda wires from its environment,
 * and checks tokens as the JWT authorizer does.
 */

/** The API functions' timeout in the stack (HTTP API allows 30 s). */
const API_TIMEOUT_MS = 29_000;

type HttpHandler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;

/** Matches a concrete path against a template; returns the path parameters or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    let value = match[index + 1] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      // API Gateway passes undecodable escapes through as they are
    }
    params[name] = value;
  });
  return params;
}

/** A handler built from the local dependencies by its factory, or the module's own when it needs none. */
const built = (module: HandlerModule, deps: HandlerDeps) => (module.makeHandler?.(deps) ?? module.handler) as HttpHandler;

/** What API Gateway's JWT authorizer does: reject a bad token (a 401), or pass its claims on. A missing token is the handler's to refuse. */
function authorize(event: HttpApiEvent, secret: string): HttpApiResult | undefined {
  const authorization = event.headers.authorization;
  if (authorization === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  try {
    if (match?.[1] === undefined) throw new Error('not a bearer token');
    const claims = verifyToken(match[1], secret);
    event.requestContext.authorizer = { jwt: { claims: claimsAsAuthorizerDoes(claims), scopes: null } };
    return undefined;
  } catch (error) {
    // Say what was wrong (expired, bad signature, ...), as Cognito's authorizer does in its header.
    const reason = error instanceof InvalidTokenError ? error.reason : 'not a bearer token';
    return problem(401, 'unauthenticated', `The bearer token was refused: ${reason}`, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${reason}"` });
  }
}

/** Loads every route's handler module and returns the gateway: a request in, the function's (or the gateway's own) result out. */
export async function createRouter(deps: HandlerDeps, secret: string): Promise<(request: IncomingMessage, url: URL) => Promise<HttpApiResult>> {
  const handlers = new Map<HttpFile, HttpHandler>(await Promise.all(HTTP_FUNCTIONS.map(async (spec) => [spec.file, built(await spec.load(), deps)] as const)));
  return async (request, url) => {
    const method = request.method ?? 'GET';
    let params: Record<string, string> | undefined;
    const route: RouteSpec | undefined = ROUTES.find((candidate) => candidate.method === method && (params = matchPath(candidate.path, url.pathname)) !== undefined);
    // The path is not echoed: an answer never repeats what the caller sent.
    if (route === undefined || params === undefined) return problem(404, 'route_not_found', 'No route for this method and path');
    const body = await readBody(request);
    // The rest of the body is not read: the connection closes after the answer, so the client's next request opens a new one.
    if (body === 'too-large') return problem(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`, { Connection: 'close' });
    const event = toEvent(request, route, url.pathname, url.searchParams, params, body);
    const refused = route.auth ? authorize(event, secret) : undefined;
    if (refused !== undefined) return refused;
    return handlers.get(route.handler.file)!(event, lambdaContext(route.handler.file, API_TIMEOUT_MS));
  };
}
