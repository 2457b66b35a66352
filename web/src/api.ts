import { currentSession } from './auth';

/** One problem of a refused request, with the JSON path of what is wrong. */
export interface Issue {
  path: string;
  message: string;
  /** For a workbook: the sheet and cell the problem is in. */
  sheet?: string;
  cell?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];
  constructor(status: number, code: string, message: string, issues: Issue[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Called when the API says the token is no longer good (401). */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const session = currentSession();
  const headers = new Headers(init.headers);
  if (session !== undefined) headers.set('Authorization', `Bearer ${session.token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.ok) return response;
  let error: { code?: string; message?: string; issues?: Issue[] } = {};
  try {
    error = ((await response.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not a JSON error body
  }
  if (response.status === 401) onUnauthenticated();
  throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? response.statusText, error.issues ?? []);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

/** A write with a fresh Idempotency-Key, so a retried click never makes two of anything. */
export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
}

/** Sends a file's body (JSON text or a workbook) as it is. */
export async function sendFile<T>(method: 'POST' | 'PUT', path: string, upload: { body: string | Blob; contentType: string }): Promise<T> {
  return send<T>(method, path, upload.body, upload.contentType);
}

async function send<T>(method: 'POST' | 'PUT', path: string, body: string | Blob | undefined, contentType: string): Promise<T> {
  const response = await request(path, {
    method,
    headers: { 'Content-Type': contentType, 'Idempotency-Key': crypto.randomUUID() },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return (text === '' ? {} : JSON.parse(text)) as T;
}

/** Downloads a file the API serves behind the bearer token, under the name the API gives it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await request(path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
