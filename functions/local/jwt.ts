import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HS256 JSON Web Tokens for the local runtime only. In AWS, Cognito issues
 * the tokens and API Gateway's JWT authorizer verifies them; locally the same
 * claims are signed with a secret kept beside the local data.
 */
export const LOCAL_ISSUER = 'expressway-planner-local';
/** The audience of local tokens, as the app client id is in AWS: a token for anything else is refused. */
export const LOCAL_AUDIENCE = 'expressway-planner-local-api';
/** HS256 needs a key of at least its hash's size: 32 bytes. */
export const MIN_SECRET_CHARS = 32;

export type Claims = Record<string, unknown> & { sub: string; iss: string; aud: string; exp: number; iat: number };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export function signToken(claims: Omit<Claims, 'iss' | 'aud' | 'iat' | 'exp'> & { ttlSeconds?: number }, secret: string, now = Date.now()): string {
  const { ttlSeconds = 12 * 3600, ...rest } = claims;
  const iat = Math.floor(now / 1000);
  const payload = { ...rest, iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, iat, nbf: iat, exp: iat + ttlSeconds, token_use: 'id' };
  const signingInput = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(payload))}`;
  const signature = createHmac('sha256', secret).update(signingInput).digest();
  return `${signingInput}.${b64(signature)}`;
}

export class InvalidTokenError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Invalid token: ${reason}`, options);
    this.name = 'InvalidTokenError';
  }
}

export function verifyToken(token: string, secret: string, now = Date.now()): Claims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('not a JWT');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: unknown };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as { alg?: unknown };
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new InvalidTokenError('undecodable', { cause: error });
  }
  // Fixing the algorithm refuses "alg: none" and key-confusion tricks.
  if (header.alg !== 'HS256') throw new InvalidTokenError('unsupported algorithm');
  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('bad signature');
  // The checks API Gateway's JWT authorizer makes: issuer, audience, expiry and not-before.
  if (payload.iss !== LOCAL_ISSUER) throw new InvalidTokenError('wrong issuer');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(LOCAL_AUDIENCE)) throw new InvalidTokenError('wrong audience');
  // Times must be finite numbers: `1e309` parses as Infinity and would never expire.
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = payload[claim];
    if ((claim === 'exp' || value !== undefined) && (typeof value !== 'number' || !Number.isFinite(value))) throw new InvalidTokenError(`${claim} is not a finite number`);
  }
  if ((payload.exp as number) * 1000 <= now) throw new InvalidTokenError('expired');
  if (payload.nbf !== undefined && (payload.nbf as number) * 1000 > now) throw new InvalidTokenError('not yet valid');
  if (typeof payload.sub !== 'string') throw new InvalidTokenError('no subject');
  return payload as Claims;
}

/**
 * API Gateway's JWT authorizer passes claims to Lambda as strings and array
 * claims flattened to "[a b]"; the local runtime does the same so handlers
 * see one shape everywhere.
 */
export function claimsAsAuthorizerDoes(claims: Claims): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(claims)) {
    flat[key] = Array.isArray(value) ? `[${value.map(String).join(' ')}]` : String(value);
  }
  return flat;
}

/**
 * The local signing secret: LOCAL_JWT_SECRET (or the server's jwtSecret option),
 * else one generated once and kept in the data folder. An empty or short secret
 * is refused: anyone could sign tokens with it.
 */
export function localSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv !== undefined) return checkedSecret(fromEnv, 'LOCAL_JWT_SECRET');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return checkedSecret(readFileSync(file, 'utf8').trim(), file);
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

export class WeakSecretError extends Error {
  constructor(source: string, length: number) {
    super(
      `The local token secret from ${source} is ${length === 0 ? 'empty' : `only ${length} characters long`}: ` +
        `it must be at least ${MIN_SECRET_CHARS} characters (for example \`openssl rand -hex 32\`), ` +
        'or leave LOCAL_JWT_SECRET unset to have one generated into the data folder',
    );
    this.name = 'WeakSecretError';
  }
}

function checkedSecret(secret: string, source: string): string {
  if (secret.length < MIN_SECRET_CHARS) throw new WeakSecretError(source, secret.length);
  return secret;
}
