import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken, verifyToken } from '../../functions/local/jwt.js';
import { createStaticSite } from '../../functions/local/static-site.js';

/*
 * The local server's web part on its own, over real HTTP: files of a build
 * folder, the app's routes answered with index.html, config.json, and the
 * local sign-in page with a token this server signed.
 */
const SECRET = 'static-site-test-secret';
const root = mkdtempSync(join(tmpdir(), 'planner-site-'));
const dist = join(root, 'dist');
let server: Server;
let base = '';

beforeAll(async () => {
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'assets', 'app-123.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside the build');
  const site = createStaticSite({
    distDir: dist,
    token: (groups, subject) => signToken({ sub: subject ?? 'x', 'cognito:groups': groups }, SECRET),
    basemapUrl: 'https://tiles.example/{z}/{x}/{y}.png',
  });
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (site.handles(request.method ?? 'GET', url.pathname)) site.serve(request, response, url);
    else response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

describe('the local web site', () => {
  it('answers the app and its routes with index.html, files as they are, and leaves the API alone', async () => {
    for (const path of ['/', '/plans/0b5b3f2c-6e86-4a0d-9d1a-3b1f4a2a9c10', '/plans/0b5b3f2c-6e86-4a0d-9d1a-3b1f4a2a9c10/versions/2', '/submit']) {
      const response = await fetch(`${base}${path}`);
      expect({ path, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(await response.text()).toContain('<title>app</title>');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const asset = await fetch(`${base}/assets/app-123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/v1/plans`)).status).toBe(418);
    expect((await fetch(`${base}/health`)).status).toBe(418);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(418);
  });

  it('never serves a file outside the build folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%E0%A4%A']) {
      const response = await fetch(`${base}${path}`);
      expect(await response.text(), path).not.toContain('outside the build');
      expect(response.status, path).toBeGreaterThanOrEqual(200);
    }
  });

  it('writes config.json for the local runtime, with the basemap when one is set', async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ auth: { mode: 'local' }, basemap: { url: 'https://tiles.example/{z}/{x}/{y}.png', attribution: '' } });
  });

  it('signs a browser in as a province or a reviewer with a token of this server, and goes only to a path of this site', async () => {
    const page = await (await fetch(`${base}/sign-in?as=province-ZJ&next=/plans/abc`)).text();
    const token = /planner_session=' \+ "([^"]+)"/.exec(page)?.[1];
    expect(verifyToken(token!, SECRET)['cognito:groups']).toEqual(['province-ZJ']);
    expect(page).toContain('location.replace("/plans/abc")');
    const reviewer = await (await fetch(`${base}/sign-in?as=reviewer&next=//evil.example/x`)).text();
    expect(reviewer).toContain('location.replace("/")');
    for (const as of ['admin', 'province-', 'province-ZJ<script>', '']) {
      const refused = await fetch(`${base}/sign-in?as=${encodeURIComponent(as)}`);
      expect({ as, status: refused.status }).toEqual({ as, status: 400 });
    }
  });

  it('says how to build the app when it is not built', async () => {
    const bare = createStaticSite({ distDir: join(root, 'nothing'), token: () => '' });
    const lone = createServer((request, response) => bare.serve(request, response, new URL(request.url ?? '/', 'http://x')));
    await new Promise<void>((resolve) => lone.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(lone.address() as AddressInfo).port}/plans/x`);
    await new Promise((resolve) => lone.close(resolve));
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});
