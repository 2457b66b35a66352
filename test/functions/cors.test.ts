import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpHandler, json } from '../../functions/lib/http.js';
import type { HttpApiEvent, LambdaContext } from '../../functions/lib/lambda-types.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';

/*
 * CORS comes from configuration and is never `*`: a handler echoes a configured
 * origin to a request from it and sends no CORS header otherwise; with none
 * configured (the local server, which serves the web app on its own origin) no
 * response carries one.
 */
process.env.LOG_LEVEL = 'silent';
const PLANNER = 'https://planner.example.gov.cn';
const EVIL = 'https://evil.example.com';

function event(origin: string | undefined): HttpApiEvent {
  return {
    version: '2.0',
    routeKey: 'GET /health',
    rawPath: '/health',
    rawQueryString: '',
    headers: origin === undefined ? {} : { origin },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000', apiId: 'cors', domainName: 'localhost', requestId: randomUUID(), routeKey: 'GET /health', stage: '$default',
      time: new Date().toUTCString(), timeEpoch: Date.now(),
      http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'cors' },
    },
  };
}

const context = (): LambdaContext => ({ awsRequestId: randomUUID(), functionName: 'cors', getRemainingTimeInMillis: () => 29_000 });
const allowOrigin = (headers: Record<string, unknown> | undefined) =>
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'access-control-allow-origin')?.[1];

describe('CORS in the handlers', () => {
  const ok = async () => json(200, { status: 'ok' });
  const failing = async (): Promise<never> => {
    throw new Error('boom');
  };

  it('echoes a configured origin to a request from it, on answers and on errors', async () => {
    const handler = httpHandler('cors', ok, { corsOrigins: [PLANNER, 'http://localhost:5173'] });
    const erring = httpHandler('cors', failing, { corsOrigins: [PLANNER] });

    const answer = await handler(event(PLANNER), context());
    const error = await erring(event(PLANNER), context());

    expect(allowOrigin(answer.headers)).toBe(PLANNER);
    expect(answer.headers?.['Access-Control-Expose-Headers']).toBe('Location,Content-Disposition');
    expect(error.statusCode).toBe(500);
    expect(allowOrigin(error.headers)).toBe(PLANNER);
  });

  it('sends no CORS header to another origin, or without an Origin header', async () => {
    const handler = httpHandler('cors', ok, { corsOrigins: [PLANNER] });

    const evil = await handler(event(EVIL), context());
    const none = await handler(event(undefined), context());

    expect(allowOrigin(evil.headers)).toBeUndefined();
    expect(allowOrigin(none.headers)).toBeUndefined();
  });

  it('never answers with a wildcard, even when one is configured', async () => {
    const handler = httpHandler('cors', ok, { corsOrigins: ['*'] });

    const response = await handler(event(EVIL), context());

    expect(allowOrigin(response.headers)).toBeUndefined();
  });

  it('takes the origins from CORS_ORIGINS, as the stack sets it', async () => {
    const before = process.env.CORS_ORIGINS;
    process.env.CORS_ORIGINS = `${PLANNER}, *`;
    try {
      const handler = httpHandler('cors', ok);

      const planner = await handler(event(PLANNER), context());
      const evil = await handler(event(EVIL), context());

      expect(allowOrigin(planner.headers)).toBe(PLANNER);
      expect(allowOrigin(evil.headers)).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.CORS_ORIGINS;
      else process.env.CORS_ORIGINS = before;
    }
  });
});

describe('CORS on the local server', () => {
  let local: LocalServer;
  let dataDir: string;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    dataDir = mkdtempSync(join(tmpdir(), 'planner-cors-'));
    local = await startLocalServer({ port: 0, dataDir, print: () => {} });
  });

  afterAll(async () => {
    await local?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends no CORS header to any origin: the web app is served from its own', async () => {
    const health = await fetch(`${local.url}/health`, { headers: { origin: EVIL } });
    const refused = await fetch(`${local.url}/v1/plans?province=GD`, { headers: { origin: EVIL } });

    expect(health.status).toBe(200);
    expect(refused.status).toBe(401);
    for (const response of [health, refused]) expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
