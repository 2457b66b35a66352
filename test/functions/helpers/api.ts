import type { LocalServer } from '../../../functions/local/server.js';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  /** The body as sent (fetch's text() would drop a byte-order mark). */
  bytes: Buffer;
  text: string;
  json: T;
}

/** A small fetch wrapper for the local server: bearer token by role, JSON in and out. */
export function apiClient(local: LocalServer) {
  const tokens = new Map<string, string>();
  const tokenFor = (role: string | undefined) => {
    if (role === undefined) return undefined;
    const groups = role === 'reviewer' ? ['reviewer'] : [`province-${role}`];
    if (!tokens.has(role)) tokens.set(role, local.token(groups, `user-${role}`));
    return tokens.get(role);
  };
  return async function call<T = any>(
    method: string,
    path: string,
    options: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const token = tokenFor(options.as);
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${local.url}${path}`, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text.replace(/^\ufeff/, ''));
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, bytes, text, json: json as T };
  };
}
