import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_BODY_BYTES, SECURITY_HEADERS } from '../lib/http.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from '../lib/lambda-types.js';
import type { RouteSpec } from '../routes.js';

/**
 * One job: translating between Node's HTTP server and the Lambda payloads, as
 * API Gateway's HTTP API does: a request into a payload v2 event, a result
 * back into a response, and the context a function is invoked with.
 */

export function lambdaContext(functionName: string, timeoutMs: number): LambdaContext {
  const deadline = Date.now() + timeoutMs;
  return { awsRequestId: randomUUID(), functionName, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
}

export async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // API Gateway refuses bodies over 10 MB; Lambda over 6 MB. Stop reading early either way.
    if (size > MAX_BODY_BYTES + 1024) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Whether API Gateway passes a body as text: for a textual media type (text/*,
 * JSON, XML, JavaScript, form data) yes; for any other it base64-encodes the
 * body (isBase64Encoded), as it does a workbook upload. Without a media type,
 * by whether the bytes look like text.
 */
function isTextual(contentType: string | undefined, body: Buffer): boolean {
  if (contentType === undefined || contentType.trim() === '') return !body.includes(0);
  return /^\s*(text\/|application\/([\w.+-]+\+)?(json|xml|javascript)\b|application\/x-www-form-urlencoded)/i.test(contentType);
}

/** Turns a Node request into an API Gateway HTTP API payload v2 event, as AWS builds it. */
export function toEvent(request: IncomingMessage, route: RouteSpec, path: string, search: URLSearchParams, params: Record<string, string>, body: Buffer): HttpApiEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // No prototype: a parameter named `__proto__` or `constructor` is an ordinary key, as in API Gateway's parsed JSON.
  const query: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of search) query[name] = Object.hasOwn(query, name) ? `${query[name]},${value}` : value;
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  const textual = body.length === 0 || isTextual(headers['content-type'], body);
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: search.toString(),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    ...(body.length > 0 ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !textual,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      http: {
        method: request.method ?? 'GET',
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
    },
  };
}

export function send(response: ServerResponse, result: HttpApiResult): void {
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode, { ...SECURITY_HEADERS, ...result.headers, 'Content-Length': String(body.length) });
  response.end(body);
}

/** An error answered by the gateway itself (no function ran), in the API's error shape. */
export const problem = (statusCode: number, code: string, message: string, headers: Record<string, string> = {}): HttpApiResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify({ error: { code, message } }),
});

/** The request's path and query; a target such as `//` or `http://x` names no path of this server (undefined). */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    // Appended, not resolved: `//x` resolved against a base would be a host, not a path.
    return target?.startsWith('/') ? new URL(`http://127.0.0.1${target}`) : undefined;
  } catch {
    return undefined;
  }
}
