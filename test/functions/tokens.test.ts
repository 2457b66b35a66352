import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, signToken, verifyToken } from '../../functions/local/jwt.js';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { freePort } from './helpers/servers.js';

/*
 * The local runtime's token verifier, over HTTP and directly: every kind of bad
 * token API Gateway's JWT authorizer refuses is a 401 here too, each for its own
 * reason; and the runtime refuses to start with a secret anyone could guess.
 * The tokens are built by hand (header, payload, HMAC) so each differs from a
 * good one in exactly one respect.
 */
const SECRET = 'a-test-secret-of-forty-characters-long!!';
const root = new URL('../../', import.meta.url).pathname;

let local: LocalServer;
let dataDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'planner-tokens-'));
  local = await startLocalServer({ port: 0, dataDir, jwtSecret: SECRET, print: () => {} });
});

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A token with the given header and payload, signed with HS256 and `secret`. */
function craft(header: Record<string, unknown>, payload: Record<string, unknown>, secret = SECRET): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);
const goodClaims = () => ({ sub: 'alice', 'cognito:groups': ['reviewer'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat: now(), nbf: now(), exp: now() + 3600 });
const HS256 = { alg: 'HS256', typ: 'JWT' };

const BAD_TOKENS: [string, () => string, string][] = [
  ['expired', () => craft(HS256, { ...goodClaims(), iat: now() - 7200, exp: now() - 60 }), 'expired'],
  ['not yet valid (nbf in the future)', () => craft(HS256, { ...goodClaims(), nbf: now() + 600 }), 'not yet valid'],
  ['of another issuer', () => craft(HS256, { ...goodClaims(), iss: 'https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_other' }), 'wrong issuer'],
  ['for another audience', () => craft(HS256, { ...goodClaims(), aud: 'some-other-client' }), 'wrong audience'],
  ['without an audience', () => craft(HS256, (({ aud: _aud, ...rest }) => rest)(goodClaims())), 'wrong audience'],
  ['unsigned (alg: none)', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(goodClaims())}.`, 'unsupported algorithm'],
  ['with a tampered payload', () => {
    const [header, , signature] = craft(HS256, { ...goodClaims(), 'cognito:groups': ['province-GD'] }).split('.');
    return `${header}.${b64(goodClaims())}.${signature}`;
  }, 'bad signature'],
  ['signed with another secret', () => craft(HS256, goodClaims(), 'another-secret-that-is-also-long-enough'), 'bad signature'],
  ['not a JWT', () => 'not.a-token', 'not a JWT'],
];

async function listPlans(authorization: string | undefined) {
  return fetch(`${local.url}/v1/plans?province=GD`, { headers: authorization === undefined ? {} : { authorization } });
}

describe('local tokens', () => {
  it('accepts a token it signed, and one built by hand with the same claims (the control for every case below)', async () => {
    const signed = await listPlans(`Bearer ${local.token(['reviewer'])}`);
    const crafted = await listPlans(`Bearer ${craft(HS256, goodClaims())}`);

    expect(signed.status).toBe(200);
    expect(crafted.status).toBe(200);
  });

  it('answers a request without a token with 401 and WWW-Authenticate: Bearer', async () => {
    const response = await listPlans(undefined);
    const notBearer = await listPlans(`Basic ${Buffer.from('alice:secret').toString('base64')}`);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(notBearer.status).toBe(401);
  });

  it.each(BAD_TOKENS)('refuses a token %s with 401', async (_what, make, reason) => {
    const token = make();

    const response = await listPlans(`Bearer ${token}`);
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(401);
    expect(body.error.code).toBe('unauthenticated');
    // Each token fails for its own reason, not for some other fault of the hand-built token.
    expect(() => verifyToken(token, SECRET)).toThrow(`Invalid token: ${reason}`);
  });

  it('refuses a subject longer than 256 characters, which every write would store', async () => {
    const longest = await listPlans(`Bearer ${local.token(['reviewer'], 's'.repeat(256))}`);
    const tooLong = await listPlans(`Bearer ${local.token(['reviewer'], 's'.repeat(257))}`);

    expect(longest.status).toBe(200);
    expect(tooLong.status).toBe(401);
  });

  it('signs tokens with the local issuer and audience, valid from their issue time', () => {
    const at = Date.parse('2026-12-01T00:00:00Z');
    const token = signToken({ sub: 'bob', ttlSeconds: 60 }, SECRET, at);

    const claims = verifyToken(token, SECRET, at);

    expect(claims).toMatchObject({ iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, nbf: at / 1000, exp: at / 1000 + 60 });
    expect(() => verifyToken(token, SECRET, at - 1000)).toThrow('not yet valid');
    expect(() => verifyToken(token, SECRET, at + 60_000)).toThrow('expired');
  });
});

describe('the local signing secret', () => {
  it.each([
    ['empty', ''],
    ['short', 'changeme'],
  ])('refuses an %s jwtSecret option before starting anything', async (_what, secret) => {
    const folder = mkdtempSync(join(tmpdir(), 'planner-weak-secret-'));
    try {
      await expect(startLocalServer({ port: 0, dataDir: folder, jwtSecret: secret, print: () => {} })).rejects.toThrow(/at least 32 characters/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.each([
    ['an empty', { LOCAL_JWT_SECRET: '' }, /LOCAL_JWT_SECRET is empty: it must be at least 32 characters/],
    ['a short', { LOCAL_JWT_SECRET: 'secret' }, /LOCAL_JWT_SECRET is only 6 characters long: it must be at least 32 characters/],
    ['a short kept', {}, /jwt-secret is only 5 characters long/],
  ])('stops the server with a clear message, not a stack trace, for %s secret', async (_what, env, message) => {
    const folder = mkdtempSync(join(tmpdir(), 'planner-weak-secret-'));
    writeFileSync(join(folder, 'jwt-secret'), 'short\n');
    try {
      const { LOCAL_JWT_SECRET: _unset, ...inherited } = process.env;
      const run = promisify(execFile)('node', ['--import', 'tsx', 'functions/local/server.ts'], {
        cwd: root,
        env: { ...inherited, PORT: String(await freePort()), DATA_DIR: folder, ...env },
        timeout: 60_000,
      });

      const failure = (await run.then(() => undefined, (error: unknown) => error)) as { code: number; stderr: string } | undefined;

      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(message);
      expect(failure?.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
