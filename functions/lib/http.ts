import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpErrorHandler from '@middy/http-error-handler';
import {
  ConcurrentUpdateError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  MissingIdempotencyKeyError,
  NotFoundError,
  PayloadTooLargeError,
  PlanNotFoundError,
  PlanStateError,
  QueueUnavailableError,
  StorageThrottledError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  CompressedBodyError,
  ValidationFailedError,
  type AppError,
  type ErrorMessage,
} from './errors.js';
import { DATASET_LIMITS } from '../../solver/dataset-fields.js';
import { optionalEnv } from './env.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from './lambda-types.js';
import { createLogger, type Logger } from './log.js';
import { issueOf, msg, renderMessage } from '../../solver/messages.js';
import type { ErrorBody } from '../presenters/shapes.js';

export interface HttpProblem {
  statusCode: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

/**
 * The one place errors become HTTP. Known errors keep their message (all of
 * them are 4xx and written for the caller); anything else is a generic 500
 * carrying only the request id to quote to support.
 */
export function toHttpProblem(error: unknown, requestId: string): HttpProblem {
  const problem = (statusCode: number, code: string, message: ErrorMessage, extra: Partial<ErrorBody['error']> = {}, headers: Record<string, string> = {}): HttpProblem => ({
    statusCode,
    headers,
    body: {
      error:
        typeof message === 'string'
          ? { code, message, ...extra }
          : { code, message: renderMessage(message), messageCode: message.code, params: message.params, ...extra },
    },
  });
  const said = (known: AppError): ErrorMessage => known.detail ?? known.message;
  if (error instanceof ValidationFailedError) return problem(400, error.code, said(error), { issues: error.issues });
  if (error instanceof MissingIdempotencyKeyError) return problem(400, error.code, said(error), { issues: [issueOf('headers.idempotency-key', 'request.isRequired')] });
  if (error instanceof UnauthenticatedError) return problem(401, error.code, said(error), {}, { 'WWW-Authenticate': 'Bearer' });
  if (error instanceof ForbiddenError) return problem(403, error.code, said(error));
  if (error instanceof PlanNotFoundError || error instanceof NotFoundError) return problem(404, error.code, said(error));
  if (error instanceof ConcurrentUpdateError || error instanceof PlanStateError) return problem(409, error.code, said(error));
  if (error instanceof PayloadTooLargeError) return problem(413, error.code, said(error));
  if (error instanceof UnsupportedMediaTypeError) return problem(415, error.code, said(error));
  if (error instanceof IdempotencyKeyReusedError) return problem(422, error.code, said(error));
  // middy's early timeout (the function's time ran out): the work may finish later, so a retry, not a 500.
  if (error instanceof Error && error.name === 'TimeoutError') {
    return problem(503, 'timeout', msg('error.busy'), { requestId }, { 'Retry-After': '2' });
  }
  if (error instanceof StorageThrottledError || error instanceof QueueUnavailableError) {
    return problem(503, error.code, msg('error.busy'), { requestId }, { 'Retry-After': '2' });
  }
  return problem(500, 'internal_error', msg('error.internal'), { requestId });
}

export interface HttpRequestContext {
  log: Logger;
  requestId: string;
}

export type HttpRoute = (event: HttpApiEvent, context: LambdaContext, request: HttpRequestContext) => Promise<HttpApiResult>;

export interface HttpHandlerOptions {
  /** Browser origins whose requests get CORS headers; default CORS_ORIGINS. None: no CORS header at all. */
  corsOrigins?: readonly string[];
}

/**
 * The browser origins the stack configured (CORS_ORIGINS, comma-separated), or
 * none. A wildcard is never honoured: the configuration refuses it, and so does this.
 */
export function corsOriginsFromEnv(): string[] {
  return (optionalEnv('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '' && !origin.includes('*'));
}

/**
 * Wraps a route function in the middy chain every API handler shares:
 * a per-request logger, CORS headers for the configured origins, and error mapping. The mapper runs
 * before http-error-handler (middy runs onError last-registered first) and
 * hands it an already exposed error, so the handler only renders it.
 */
export function httpHandler(functionName: string, route: HttpRoute, options: HttpHandlerOptions = {}) {
  const corsOrigins = [...(options.corsOrigins ?? corsOriginsFromEnv())].filter((origin) => !origin.includes('*'));
  const baseLog = createLogger({ function: functionName });
  const logs = new WeakMap<object, Logger>();
  const mapErrors: middy.MiddlewareObj<HttpApiEvent, HttpApiResult, Error, LambdaContext> = {
    onError: async (request) => {
      const requestId = request.context.awsRequestId ?? request.event.requestContext?.requestId ?? 'unknown';
      const log = logs.get(request.event) ?? baseLog;
      const problem = toHttpProblem(request.error, requestId);
      if (problem.statusCode >= 500) log.error('request failed', { status: problem.statusCode, error: request.error });
      else log.info('request rejected', { status: problem.statusCode, code: problem.body.error.code });
      request.error = Object.assign(new Error(JSON.stringify(problem.body), { cause: request.error }), {
        statusCode: problem.statusCode,
        expose: true,
        headers: problem.headers,
      });
    },
  };
  const run = async (event: HttpApiEvent, context: LambdaContext): Promise<HttpApiResult> => {
    const requestId = context.awsRequestId ?? event.requestContext.requestId;
    const log = baseLog.child({ requestId, route: event.routeKey });
    logs.set(event, log);
    const result = await route(event, context, { log, requestId });
    log.info('request done', { status: result.statusCode });
    return result;
  };
  // Registered first, so it runs last: it sees the answer the error handler made too.
  const chain = middy<HttpApiEvent, HttpApiResult, Error, LambdaContext>(run).use(securityHeaders);
  // Only a configured origin is ever echoed, and only to a request from it; never `*`.
  if (corsOrigins.length > 0) chain.use(httpCors({ origins: corsOrigins, exposeHeaders: 'Location,Content-Disposition' }));
  return chain.use(httpErrorHandler({ logger: false })).use(mapErrors);
}

/** Headers on every answer, whatever it carries: no content sniffing, no address leaking to another site. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Adds the security headers to a function's answer, success or error. */
const securityHeaders: middy.MiddlewareObj<HttpApiEvent, HttpApiResult, Error, LambdaContext> = {
  after: async (request) => {
    if (request.response) request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  },
  onError: async (request) => {
    if (request.response) request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  },
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpApiResult {
  return { statusCode, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function header(event: HttpApiEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Lambda's synchronous payload limit; API Gateway would reject more anyway. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** The request body parsed as JSON; malformed JSON is a 400 naming the body, not a 500. */
export function jsonBody(event: HttpApiEvent): unknown {
  const contentType = header(event, 'content-type');
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError(contentType);
  }
  const encoding = header(event, 'content-encoding');
  if (encoding !== undefined && !/^\s*(identity)?\s*$/i.test(encoding)) {
    throw new CompressedBodyError(encoding);
  }
  if (event.body === undefined || event.body === '') {
    throw new ValidationFailedError([issueOf('body', 'request.bodyRequired', { as: 'json' })]);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  // gzip's magic bytes (1f 8b; 8b is no UTF-8 on its own) without the header that should have said so.
  if (/^\x1f[\x8b\ufffd]/.test(text)) throw new CompressedBodyError('gzip');
  let value: unknown;
  try {
    // A byte-order mark is accepted, as the command line accepts it in a file.
    value = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
  } catch (error) {
    // The parser's message quotes the input: say where, not what.
    const at = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const detail = at === undefined ? 'unparsable' : `at character ${at}`;
    throw Object.assign(new ValidationFailedError([issueOf('body', 'upload.invalidJson', { detail })]), { cause: error });
  }
  const broken = illFormedStrings(value, '');
  if (broken.length > 0) throw new ValidationFailedError(broken.map((path) => issueOf(path, 'field.loneSurrogate')));
  return value;
}

/** In Unicode mode a pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** JSON paths of the strings (keys included) that are not well-formed UTF-16: they would break strict JSON readers downstream. */
function illFormedStrings(value: unknown, path: string, found: string[] = []): string[] {
  if (found.length > DATASET_LIMITS.issues) return found;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) found.push(path === '' ? '$' : path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => illFormedStrings(item, `${path}[${index}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) found.push(at.replace(/\p{Cs}/gu, '\ufffd'));
      else illFormedStrings(item, at, found);
    }
  }
  return found;
}

/** The request body parsed as JSON, or undefined when there is none (for routes whose body is optional). */
export function optionalJsonBody(event: HttpApiEvent): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  return jsonBody(event);
}

/** The Idempotency-Key header, checked; a 400 when it is required and missing. */
export function idempotencyKey(event: HttpApiEvent, required: true): string;
export function idempotencyKey(event: HttpApiEvent, required: false): string | undefined;
export function idempotencyKey(event: HttpApiEvent, required: boolean): string | undefined {
  const key = header(event, 'idempotency-key');
  if (key === undefined || key === '') {
    if (required) throw new MissingIdempotencyKeyError();
    return undefined;
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationFailedError([issueOf('headers.idempotency-key', 'request.idempotencyKeyFormat')]);
  }
  return key;
}

/** Printable ASCII without spaces, as in the IETF Idempotency-Key draft's examples. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** A query parameter, or undefined when absent. */
export function query(event: HttpApiEvent, name: string): string | undefined {
  return event.queryStringParameters?.[name];
}

/** Builds the links a client needs next, relative to the API root. */
export function planLinks(planId: string) {
  const base = `/v1/plans/${planId}`;
  return {
    self: base,
    versions: `${base}/versions`,
    sitesCsv: `${base}/sites?format=csv`,
    sitesGeoJson: `${base}/sites?format=geojson`,
    sitesJson: `${base}/sites?format=json`,
    sitesXlsx: `${base}/sites?format=xlsx`,
    regenerate: `${base}/regenerate`,
    dataset: `${base}/dataset`,
    progress: `${base}/progress`,
    diff: `${base}/diff`,
  };
}
