import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../functions/local/jwt.js';
import { ROUTES } from '../../functions/routes.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { tinyDataset } from './helpers/data.js';

/*
 * The part of the route fuzz that needs the wire: tokens (good ones, each part
 * of one altered, unsigned, foreign, expired, or anything at all), methods and
 * paths (every route, unknown ones, odd escapes), over HTTP to one local
 * server. Properties: never a 5xx or a stack trace; a guarded route without a
 * valid token is a 401 with WWW-Authenticate; nothing is stored but by
 * accepted submissions.
 */
const SECRET = 'token-fuzz-secret-of-at-least-32-characters';

let local: LocalServer;
let dataDir: string;
let planId: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'planner-token-fuzz-'));
  local = await startLocalServer({ port: 0, dataDir, jwtSecret: SECRET, retryDelayMs: 20, print: () => {} });
  const response = await fetch(`${local.url}/v1/plans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${local.token(['province-GD'])}`, 'content-type': 'application/json', 'idempotency-key': 'token-fuzz-setup' },
    body: JSON.stringify(tinyDataset()),
  });
  planId = ((await response.json()) as { planId: string }).planId;
  await local.queue.idle();
});

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const sign = (input: string, secret = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Claims and header of a token, any of them possibly altered. */
const claims = fc.record({
  sub: fc.oneof(fc.constant('fuzz'), fc.string({ maxLength: 12 }), fc.integer()),
  'cognito:groups': fc.oneof(fc.constantFrom(['province-GD'], ['reviewer'], ['province-ZJ'], 'province-GD', []), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 })),
  iss: fc.oneof({ weight: 4, arbitrary: fc.constant(LOCAL_ISSUER) }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(`${LOCAL_ISSUER} `)) }),
  aud: fc.oneof({ weight: 4, arbitrary: fc.constant<unknown>(LOCAL_AUDIENCE) }, { weight: 1, arbitrary: fc.oneof(fc.constant<unknown>([LOCAL_AUDIENCE, 'x']), fc.string({ maxLength: 12 }), fc.constant<unknown>(null)) }),
  exp: fc.oneof({ weight: 4, arbitrary: fc.constant(now() + 3600) }, { weight: 1, arbitrary: fc.oneof(fc.constant<unknown>(now() - 1), fc.constant<unknown>('tomorrow'), fc.double()) }),
  nbf: fc.oneof({ weight: 4, arbitrary: fc.constant(now() - 5) }, { weight: 1, arbitrary: fc.oneof(fc.constant<unknown>(now() + 3600), fc.constant<unknown>('now'), fc.constant<unknown>(null)) }),
}, { requiredKeys: ['sub', 'cognito:groups'] });

const headers = fc.oneof({ weight: 6, arbitrary: fc.constant<Record<string, unknown>>({ alg: 'HS256', typ: 'JWT' }) }, { weight: 1, arbitrary: fc.constantFrom<Record<string, unknown>>({ alg: 'none' }, { alg: 'HS512' }, { alg: 'RS256', kid: '1' }, {}, { alg: 'hs256' }) });

/** A token, then possibly broken: a character of one part changed, parts dropped, swapped or re-signed with another secret. */
const tokens = fc
  .record({
    header: headers,
    payload: claims,
    damage: fc.oneof(
      { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), part: fc.nat(2), at: fc.nat(), to: fc.constantFrom(...'AZaz09-_.=+/ ') }) },
      { weight: 1, arbitrary: fc.constantFrom({ kind: 'unsigned' as const }, { kind: 'foreign' as const }, { kind: 'two-parts' as const }, { kind: 'four-parts' as const }, { kind: 'swap' as const }) },
    ),
  })
  .map(({ header, payload, damage }) => {
    const input = `${b64(header)}.${b64(payload)}`;
    const parts = [...input.split('.'), sign(input)];
    switch (damage.kind) {
      case 'flip': {
        const part = parts[damage.part]!;
        const at = damage.at % Math.max(1, part.length);
        parts[damage.part] = part.slice(0, at) + damage.to + part.slice(at + 1);
        return parts.join('.');
      }
      case 'unsigned': return `${input}.`;
      case 'foreign': return `${input}.${sign(input, 'another-secret-of-at-least-32-characters')}`;
      case 'two-parts': return input;
      case 'four-parts': return `${parts.join('.')}.${parts[2]}`;
      case 'swap': return [parts[1], parts[0], parts[2]].join('.');
      default: return parts.join('.');
    }
  });

const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const authorizations = fc.oneof(
  { weight: 8, arbitrary: tokens.map((token) => `Bearer ${token}`) },
  { weight: 1, arbitrary: tokens.map((token) => `bearer   ${token}  `) },
  { weight: 1, arbitrary: fc.oneof(latin1, fc.constantFrom('Bearer', 'Bearer ', 'Basic YWxpY2U6c2VjcmV0', 'Bearer a.b.c', 'Bearer ...', `Bearer ${'a'.repeat(9000)}`)) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const segments = fc.oneof(fc.constantFrom('v1', 'plans', 'versions', '1', 'sites', '%', '%zz', '%00', '..', '', '%2F', 'review'), fc.webSegment());
/** A route of the table (method and path), or any method on any path. */
const targets = fc
  .oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ROUTES.map((route) => ({ method: route.method as string, path: route.path.replace('{version}', '1') }))) },
    { weight: 2, arbitrary: fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), path: fc.array(segments, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`) }) },
  )
  .map(({ method, path }) => ({ method, path: path.replace('{planId}', () => planId) }));
const queries = fc.option(fc.constantFrom('?province=GD', '?format=csv', '?from=1&to=1', '?cursor=e30', '?limit=0', '?province=%', '?a=%zz&a=2'), { freq: 2 }).map((query) => query ?? '');

describe('tokens, methods and paths over HTTP under fuzzing', () => {
  it('never answers 5xx or shows a stack trace, refuses every request without a valid token on a guarded route, and stores only accepted submissions', async () => {
    const statuses = new Map<number, number>();
    const submitted = new Set<string>([planId]);

    await fc.assert(
      fc.asyncProperty(
        targets,
        queries,
        authorizations,
        fc.option(fc.oneof(fc.constant(JSON.stringify(tinyDataset())), fc.json({ maxDepth: 2 })), { freq: 3 }),
        fc.uuid(),
        async ({ method, path }, query, authorization, body, key) => {
          const requestHeaders: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': key };
          if (authorization !== undefined) requestHeaders.authorization = authorization;

          const response = await fetch(`${local.url}${path}${query}`, { method, headers: requestHeaders, ...(body === null || method === 'GET' ? {} : { body }) }).catch((error: unknown) => {
            // A header the HTTP client itself refuses to send (an empty one, say) never reaches a server.
            if ((error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_INVALID_ARG') return undefined;
            throw error;
          });
          fc.pre(response !== undefined);
          const text = await response.text();

          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status).toBeLessThan(500);
          expect(text).not.toMatch(/\n\s+at |\.ts:\d+:\d+|node_modules/);
          if (response.status === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
          if (response.status === 202 && method === 'POST' && path === '/v1/plans') submitted.add((JSON.parse(text) as { planId: string }).planId);
          const route = ROUTES.find((candidate) => candidate.method === method && new RegExp(`^${candidate.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path));
          if (route?.auth && (authorization === undefined || !authorization.trim().toLowerCase().startsWith('bearer '))) expect(response.status).toBe(401);
        },
      ),
      { numRuns: 1200, seed: 20261201 },
    );
    await local.queue.idle();
    const listed = await fetch(`${local.url}/v1/plans?province=GD&limit=100`, { headers: { authorization: `Bearer ${local.token(['reviewer'])}` } });
    const planIds = ((await listed.json()) as { items: { planId: string }[] }).items.map((item) => item.planId);

    // A mix: accepted calls, refused tokens and unknown routes.
    expect(statuses.get(401) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(200);
    expect(statuses.get(404) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(50);
    expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(50);
    expect(planIds.sort()).toEqual([...submitted].sort());
  });
});
