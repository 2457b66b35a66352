import type { AppConfig } from './config';

/**
 * Who is signed in. The bearer token lives in a session cookie (no expiry
 * date): it survives a reload, serves direct links opened in another tab, and
 * ends with the browser session. The API never reads the cookie (it takes the
 * Authorization header only), so the cookie cannot be used for cross-site requests.
 */
export interface Session {
  token: string;
  groups: string[];
  provinces: string[];
  reviewer: boolean;
  name: string;
}

const COOKIE = 'planner_session';
const PKCE_KEY = 'planner.pkce';
export const CALLBACK_PATH = '/auth/callback';

function decodePayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const text = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function groupsOf(claims: Record<string, unknown>): string[] {
  const raw = claims['cognito:groups'];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string') return raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
  return [];
}

export function sessionFromToken(token: string): Session | undefined {
  const claims = decodePayload(token);
  if (claims === undefined) return undefined;
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) return undefined;
  const groups = groupsOf(claims);
  const provinces = groups.flatMap((group) => /^province-(.+)$/.exec(group)?.[1] ?? []);
  const name = String(claims.email ?? claims['cognito:username'] ?? claims.sub ?? '');
  return { token, groups, provinces, reviewer: groups.includes('reviewer'), name };
}

export function currentSession(): Session | undefined {
  const token = document.cookie
    .split('; ')
    .find((part) => part.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  return token === undefined || token === '' ? undefined : sessionFromToken(token);
}

/** The same cookie the local server's /sign-in page sets. */
export function storeToken(token: string): void {
  document.cookie = `${COOKIE}=${token}; Path=/; SameSite=Strict${location.protocol === 'https:' ? '; Secure' : ''}`;
}

export function signOut(config: AppConfig): void {
  document.cookie = `${COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
  if (config.auth.mode === 'cognito') {
    const params = new URLSearchParams({ client_id: config.auth.clientId, logout_uri: `${location.origin}/` });
    location.assign(`${config.auth.domain}/logout?${params}`);
  } else location.assign('/');
}

// ---------------------------------------------------------------------------
// Cognito managed login: authorization code with PKCE (RFC 7636), no client secret.

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function startCognitoSignIn(config: AppConfig): Promise<void> {
  if (config.auth.mode !== 'cognito') return;
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, next: location.pathname + location.search }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.auth.clientId,
    redirect_uri: `${location.origin}${CALLBACK_PATH}`,
    scope: (config.auth.scopes ?? ['openid', 'email', 'profile']).join(' '),
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  });
  location.assign(`${config.auth.domain}/oauth2/authorize?${params}`);
}

/** Finishes the redirect: checks the state, trades the code for tokens, returns where to go next. */
export async function finishCognitoSignIn(config: AppConfig, search: string): Promise<string> {
  if (config.auth.mode !== 'cognito') throw new Error('Cognito sign-in is not configured');
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as { verifier: string; state: string; next: string } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const code = params.get('code');
  if (pending === null || code === null || params.get('state') !== pending.state) throw new Error(params.get('error_description') ?? 'Sign-in was not completed');
  const response = await fetch(`${config.auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.auth.clientId,
      code,
      redirect_uri: `${location.origin}${CALLBACK_PATH}`,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (HTTP ${response.status})`);
  const tokens = (await response.json()) as { id_token?: string };
  // The ID token carries cognito:groups and has the app client as its audience, which the API's authorizer checks.
  if (tokens.id_token === undefined) throw new Error('Sign-in returned no ID token');
  storeToken(tokens.id_token);
  return pending.next.startsWith('/') && !pending.next.startsWith('//') ? pending.next : '/';
}
