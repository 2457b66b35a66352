import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { webContentSecurityPolicy } from '../../web/csp.js';
import { SECURITY_HEADERS } from '../lib/http.js';
import { PROJECT_ROOT } from './paths.js';

/**
 * The web app on the local server: the built files of web/dist at /, the app's
 * own routes (/plans/..., /submit) answered with index.html so a direct link or
 * a reload works, a runtime /config.json, and /sign-in, which signs the browser
 * in with a token of this server (local runtime only; AWS signs in through Cognito).
 */
export const WEB_DIST = resolve(PROJECT_ROOT, 'web/dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Who `/sign-in?as=...` may sign in as. */
const SIGN_IN_AS = /^(reviewer|province-[A-Za-z0-9_-]{1,16})$/;

export interface StaticSiteOptions {
  distDir?: string;
  /** Signs a token for the given groups with the local server's secret. */
  token(groups: string[], subject?: string): string;
  /** Optional basemap tile URL template for the map (e.g. a Tianditu WMTS URL with its key). */
  basemapUrl?: string;
  basemapAttribution?: string;
  /**
   * How the app signs in; default the local sign-in below. A Cognito setting
   * (`{ mode: 'cognito', domain, clientId }`) makes the app use a managed login,
   * as deployed; the tests point it at a stand-in for Cognito.
   */
  auth?: { mode: 'local' } | { mode: 'cognito'; domain: string; clientId: string; scopes?: string[] };
}

export interface StaticSite {
  /** True for requests the site answers (everything but the API and /health). */
  handles(method: string, path: string): boolean;
  serve(request: IncomingMessage, response: ServerResponse, url: URL): void;
}

export function signInLinks(baseUrl: string, province: string): string[] {
  return [`${baseUrl}/sign-in?as=province-${province}`, `${baseUrl}/sign-in?as=reviewer`];
}

function reply(response: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(data.length), ...SECURITY_HEADERS, ...headers });
  response.end(data);
}

/** A JSON value safe to put inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * Stores the token as the app does after a Cognito sign-in: a cookie without an
 * expiry date, so it lasts for the browser session and every tab shares it.
 */
function signInPage(token: string, next: string): { html: string; csp: string } {
  const script = `
document.cookie = 'planner_session=' + ${scriptJson(token)} + '; Path=/; SameSite=Strict';
location.replace(${scriptJson(next)});
`;
  // Only this page's own script runs (by its hash), and no site may frame it.
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>登录 Sign in</title></head>
<body><p>正在登录… Signing in…</p>
<script>${script}</script>
<noscript>需要启用 JavaScript。JavaScript is required.</noscript>
</body></html>`;
  return { html, csp };
}

/**
 * Where sign-in may send the browser: a path of this site only. Browsers read a
 * backslash as a slash and drop tabs and line breaks from a URL, so `/\evil` or
 * `/<tab>/evil` would leave the site: those, any control character and `//` are refused.
 */
export function safeNext(wanted: string | null): string {
  if (wanted === null) return '/';
  let decoded = wanted;
  try {
    decoded = decodeURIComponent(wanted);
  } catch {
    return '/';
  }
  // Checked as given and once more decoded, so an escaped backslash or control character is refused too.
  const local = [wanted, decoded].every((text) => text.startsWith('/') && !/^\/\/|[\\\u0000-\u001f\u007f]/.test(text));
  if (!local) return '/';
  // What the browser would resolve it to must still be this origin.
  return new URL(wanted, 'http://this.invalid').origin === 'http://this.invalid' ? wanted : '/';
}

export function createStaticSite(options: StaticSiteOptions): StaticSite {
  const dist = options.distDir ?? WEB_DIST;
  const auth = options.auth ?? { mode: 'local' };
  const csp = webContentSecurityPolicy(auth.mode === 'cognito' ? [auth.domain] : []);
  const config = {
    auth,
    ...(options.basemapUrl === undefined ? {} : { basemap: { url: options.basemapUrl, attribution: options.basemapAttribution ?? '' } }),
  };

  function sendIndex(response: ServerResponse): void {
    const index = join(dist, 'index.html');
    if (!existsSync(index)) {
      reply(response, 503, 'text/plain; charset=utf-8', 'The web app is not built: run `npm run build:web` (npm start does it for you).\n');
      return;
    }
    reply(response, 200, TYPES['.html']!, readFileSync(index), { 'Cache-Control': 'no-cache', 'Content-Security-Policy': csp });
  }

  return {
    handles(method, path) {
      return (method === 'GET' || method === 'HEAD') && path !== '/health' && path !== '/v1' && !path.startsWith('/v1/');
    },
    serve(_request, response, url) {
      const path = url.pathname;
      if (path === '/config.json') {
        reply(response, 200, TYPES['.json']!, JSON.stringify(config), { 'Cache-Control': 'no-cache' });
        return;
      }
      if (path === '/sign-in' && auth.mode === 'local') {
        const as = url.searchParams.get('as') ?? '';
        if (!SIGN_IN_AS.test(as)) {
          reply(response, 400, 'text/plain; charset=utf-8', 'Say who to sign in as: /sign-in?as=reviewer or /sign-in?as=province-XX\n');
          return;
        }
        // Only a path of this site: never an open redirect.
        const page = signInPage(options.token([as], `local-${as}`), safeNext(url.searchParams.get('next')));
        reply(response, 200, TYPES['.html']!, page.html, { 'Cache-Control': 'no-store', 'Content-Security-Policy': page.csp });
        return;
      }
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        reply(response, 400, 'text/plain; charset=utf-8', 'Bad path\n');
        return;
      }
      const file = resolve(dist, `.${normalize(decoded)}`);
      if (file.startsWith(dist + sep) && existsSync(file) && statSync(file).isFile() && !file.endsWith(`${sep}.built`)) {
        const immutable = path.startsWith('/assets/');
        reply(response, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), {
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          // Every HTML answer carries the policy, the index asked for by its file name too.
          ...(extname(file) === '.html' ? { 'Content-Security-Policy': csp } : {}),
        });
        return;
      }
      // A file name that is not there is a 404; anything else is a route of the app.
      if (extname(path) !== '') {
        reply(response, 404, 'text/plain; charset=utf-8', 'Not found\n');
        return;
      }
      sendIndex(response);
    },
  };
}
