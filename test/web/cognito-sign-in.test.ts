import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticSite, WEB_DIST } from '../../functions/local/static-site.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser } from './helpers/browser.js';
import { tokenFor } from './helpers/seed.js';

/*
 * The app's sign-in as deployed: the authorization code flow with PKCE against
 * a user pool's managed login. Cognito cannot run here, so a small stand-in
 * plays its two endpoints (/oauth2/authorize and /oauth2/token) and checks
 * what the app sends; everything else is real: the built app in chromium, the
 * local server's web part configured for Cognito, and the real API (`npm start`)
 * behind /v1/*, which accepts the ID token the stand-in returns.
 */
const CLIENT_ID = 'web-client-test';

let app: AppServer;
let browser: Browser;
let cognito: Server;
let site: Server;
let cognitoUrl = '';
let siteUrl = '';
const seen: { authorize?: URLSearchParams; token?: URLSearchParams; tokenOrigin?: string } = {};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The stand-in for Cognito's managed login: signs in at once and hands out an ID token the local API accepts. */
function cognitoStandIn(request: IncomingMessage, response: ServerResponse): void {
  void (async () => {
    const url = new URL(request.url ?? '/', cognitoUrl);
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'content-type' };
    if (url.pathname === '/oauth2/authorize') {
      seen.authorize = url.searchParams;
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', 'the-code');
      back.searchParams.set('state', url.searchParams.get('state')!);
      response.writeHead(302, { Location: back.toString() }).end();
    } else if (url.pathname === '/oauth2/token' && request.method === 'OPTIONS') {
      response.writeHead(204, cors).end();
    } else if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      const form = new URLSearchParams((await body(request)).toString('utf8'));
      seen.token = form;
      seen.tokenOrigin = request.headers.origin;
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      const good =
        form.get('grant_type') === 'authorization_code' &&
        form.get('code') === 'the-code' &&
        form.get('client_id') === CLIENT_ID &&
        form.get('redirect_uri') === seen.authorize?.get('redirect_uri') &&
        challenge === seen.authorize?.get('code_challenge');
      response
        .writeHead(good ? 200 : 400, { ...cors, 'Content-Type': 'application/json' })
        .end(JSON.stringify(good ? { id_token: tokenFor(app, 'province-ZJ'), access_token: 'unused', token_type: 'Bearer', expires_in: 3600 } : { error: 'invalid_grant' }));
    } else response.writeHead(404).end();
  })();
}

/** The app served as in AWS: its files with a Cognito config.json, and the API under /v1/* of the same origin. */
function appWithCognito(request: IncomingMessage, response: ServerResponse, web: ReturnType<typeof createStaticSite>): void {
  const url = new URL(request.url ?? '/', siteUrl);
  if (web.handles(request.method ?? 'GET', url.pathname)) {
    web.serve(request, response, url);
    return;
  }
  void (async () => {
    const answer = await fetch(`${app.url}${url.pathname}${url.search}`, {
      method: request.method,
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => ['authorization', 'content-type', 'idempotency-key'].includes(name))) as Record<string, string>,
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: await body(request) }),
    });
    response.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([name]) => name !== 'content-encoding' && name !== 'content-length')));
    response.end(Buffer.from(await answer.arrayBuffer()));
  })();
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  cognito = createServer(cognitoStandIn);
  cognitoUrl = await listen(cognito);
  const web = createStaticSite({ distDir: WEB_DIST, token: () => '', auth: { mode: 'cognito', domain: cognitoUrl, clientId: CLIENT_ID } });
  site = createServer((request, response) => appWithCognito(request, response, web));
  siteUrl = await listen(site);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([site, cognito].map((server) => server && new Promise((resolve) => server.close(resolve))));
  await app?.stop();
});

describe('sign-in through the managed login (authorization code with PKCE)', () => {
  it('sends the browser to the login with a S256 challenge, trades the code with its verifier, and opens the page asked for', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && /Content Security Policy/i.test(message.text()) && errors.push(message.text()));
    await page.goto(`${siteUrl}/submit`);
    await page.getByRole('button', { name: '使用统一身份登录' }).click();
    await page.getByRole('heading', { name: '提交数据集' }).waitFor();

    const authorize = seen.authorize!;
    expect(authorize.get('response_type')).toBe('code');
    expect(authorize.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.get('redirect_uri')).toBe(`${siteUrl}/auth/callback`);
    expect(authorize.get('code_challenge_method')).toBe('S256');
    expect(authorize.get('scope')?.split(' ')).toContain('openid');
    expect(authorize.get('state')!.length).toBeGreaterThanOrEqual(16);
    expect(seen.token!.get('code_verifier')!.length).toBeGreaterThanOrEqual(43);
    expect(seen.tokenOrigin).toBe(siteUrl);
    expect(page.url()).toBe(`${siteUrl}/submit`);
    // The ID token works against the API: the list shows the province's plans.
    await page.getByRole('link', { name: '方案列表' }).click();
    await page.locator('table.data tbody a').first().waitFor();
    expect(errors).toEqual([]);
    // With a managed login configured, the local sign-in hands out no token.
    expect(await (await fetch(`${siteUrl}/sign-in?as=reviewer`)).text()).not.toContain('planner_session');
  });

  it('refuses a callback whose state is not the one it sent, and trades no code', async () => {
    const page = await (await browser.newContext()).newPage();
    // A login that answers with another state, as a forged link would.
    await page.route(`${cognitoUrl}/oauth2/authorize**`, (route) => route.fulfill({ status: 302, headers: { location: `${siteUrl}/auth/callback?code=the-code&state=forged` } }));
    seen.token = undefined;
    await page.goto(`${siteUrl}/`);
    await page.getByRole('button', { name: '使用统一身份登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Sign-in was not completed');
    expect(seen.token).toBeUndefined();
  });
});
