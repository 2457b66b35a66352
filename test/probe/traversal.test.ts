import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * Path traversal, as the probe sent it: raw request targets (a fetch would
 * tidy `..` away before sending) against the local server's web files and the
 * API's ids. None may read a file outside the web app's build folder, reach
 * another plan or route, or answer 5xx.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

/** One GET with the request target exactly as written. */
function rawGet(target: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port: suite.local.port, method: 'GET', path: target, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    call.on('error', reject);
    call.end();
  });
}

/** Files beside the build folder (web/dist) and the machine's: what a traversal would be after. */
const SECRETS = ['"devDependencies"', 'export function', 'root:x:0:0', 'BEGIN', 'LOCAL_JWT_SECRET'];

const FILES = ['package.json', 'src/api.ts', 'etc/passwd'];
const PREFIXES = [
  '/../', '/../../', '/..%2f', '/..%2f..%2f', '/%2e%2e/', '/%2e%2e/%2e%2e/', '/%2e%2e%2f%2e%2e%2f', '/.%2e/', '/%2e./',
  '/..%5c', '/..%5c..%5c', '/..\\', '/assets/../../', '/assets/..%2f..%2f', '/assets/%2e%2e/%2e%2e/', '/%252e%252e/',
  '/..%c0%af', '/..%25c0%25af', '/..;/', '/%00/../', '/assets/%00../../', '//', '/%2f', '/./../', '/assets/./../../../../../',
];

describe('path traversal on the web files', () => {
  const targets = PREFIXES.flatMap((prefix) => FILES.map((file) => `${prefix}${file}`));

  it(`reads nothing outside the build folder for ${targets.length} targets`, async () => {
    for (const target of targets) {
      const answer = await rawGet(target);
      expect(answer.status, target).toBeLessThan(500);
      for (const secret of SECRETS) expect(answer.body, `${target} leaked ${secret}`).not.toContain(secret);
    }
  });
});

describe('path traversal in the API ids', () => {
  it('answers a traversal in a plan id, version or query with 4xx, never another resource', async () => {
    const created = await suite.api('POST', '/v1/plans', { as: 'GD', body: tinyDataset(), headers: { 'idempotency-key': 'traversal-plan' } });
    const planId = created.json.planId as string;
    await suite.local.queue.idle();
    const authorization = `Bearer ${suite.local.token(['province-GD'], 'traversal-user')}`;
    const targets = [
      '/v1/plans/..%2f..%2fhealth',
      `/v1/plans/${planId}%2f..%2f..%2fplans`,
      `/v1/plans/..%2f${planId}`,
      `/v1/plans/${planId}/versions/..%2f1`,
      `/v1/plans/${planId}/versions/1%2f..%2f2`,
      `/v1/plans/${planId}/versions/%2e%2e`,
      `/v1/plans/${planId}/diff?from=..%2f1&to=1`,
      `/v1/plans/${planId}/sites?format=..%2f..%2fpackage.json`,
      '/v1/plans/PLAN%23x/versions/1',
      '/v1/plans/%00/versions/1',
      `/v1/plans/${planId}%00/versions/1`,
      '/v1/plans?province=..%2fGD',
      '/v1/plans?province=GD%00',
      `/v1/plans/${planId}/..%5c..%5cpackage.json`,
    ];
    for (const target of targets) {
      const answer = await rawGet(target, { authorization });
      expect(answer.status, `${target}: ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, target).toBeLessThan(500);
      for (const secret of SECRETS) expect(answer.body, target).not.toContain(secret);
    }
  });

  it('resolves encoded dot segments as the URL standard does, to a route that still checks who asks', async () => {
    // `%2e%2e` is `..` to a URL parser: the target is /v1/overview, reviewers only, and a province token stays refused.
    const authorization = `Bearer ${suite.local.token(['province-GD'], 'traversal-user')}`;
    const answer = await rawGet('/v1/plans/%2e%2e/%2e%2e/v1/overview', { authorization });
    expect(answer.status).toBe(403);
  });
});
