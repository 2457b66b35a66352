import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../functions/local/static-site.js';
import { signToken } from '../../functions/local/jwt.js';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * The probe's findings of issue 19, each as an attack over HTTP on the real
 * local server (dynalite, worker-thread solves): every answer here was wrong
 * before the fix.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

let keys = 0;
const key = () => `probe-${++keys}`;
const submit = (body: unknown, as = 'GD', headers: Record<string, string> = {}) => suite.api('POST', '/v1/plans', { as, body, headers: { 'idempotency-key': key(), ...headers } });
const plansOf = async (province: string) => (await suite.api('GET', `/v1/plans?province=${province}`, { as: province })).json.items as unknown[];

describe('numbers too large to carry exactly (finding 3)', () => {
  for (const [label, value] of [['1e30', 1e30], ['2^64', 2 ** 64]] as const) {
    it(`refuses costs.site = ${label} with its path before anything is stored`, async () => {
      const response = await submit(tinyDataset({ costs: { site: value, perPile: 180000, gridPerKw: 600, discountRate: 0 } }), 'HI');
      expect(response.status).toBe(400);
      expect(response.json.error.issues).toMatchObject([{ path: 'costs.site', message: `must be at most 1,000,000,000, got ${value}` }]);
      expect(await plansOf('HI')).toHaveLength(0);
    });
  }

  it('refuses them in a revision and in a progress report too', async () => {
    const created = await submit(tinyDataset());
    expect(created.status).toBe(202);
    const planId = created.json.planId as string;
    const revised = await suite.api('PUT', `/v1/plans/${planId}/dataset`, { as: 'GD', body: tinyDataset({ costs: { site: 2 ** 64, perPile: 1, gridPerKw: 1, discountRate: 0 } }), headers: { 'idempotency-key': key() } });
    expect(revised.status).toBe(400);
    expect(revised.json.error.issues[0].path).toBe('costs.site');
    const report = { asOf: '2023-06-30', sites: [], spent: { '2023': 1e30 } };
    const progress = await suite.api('POST', `/v1/plans/${planId}/progress`, { as: 'GD', body: report, headers: { 'idempotency-key': key() } });
    expect(progress.status).toBe(400);
    expect(progress.json.error.issues).toContainEqual(expect.objectContaining({ path: 'spent["2023"]', message: 'must be at most 10,000,000,000,000, got 1e+30' }));
  });
});

describe('bounded error answers (finding 4)', () => {
  it('caps the unknown keys of a 400,000-key review body at the same cap, under 64 KB', async () => {
    const created = await submit(tinyDataset());
    await suite.local.queue.idle();
    const body: Record<string, number> = { decision: 0 };
    for (let index = 0; index < 400_000; index++) body[`k${index}`] = 1;
    const response = await suite.api('POST', `/v1/plans/${created.json.planId as string}/versions/1/review`, { as: 'reviewer', body });
    expect(response.status).toBe(400);
    expect(response.bytes.length).toBeLessThan(64 * 1024);
    const issues = response.json.error.issues as { path: string; message: string }[];
    expect(issues).toHaveLength(101);
    expect(issues.at(-1)).toMatchObject({ path: '$', message: '399,901 more problems not listed'.replace('399,901', String(400_001 - 100)) });
  });

  it('clips a megabyte-long key in the path it reports', async () => {
    const response = await submit({ ...tinyDataset(), ['x'.repeat(1_000_000)]: 1 });
    expect(response.status).toBe(400);
    expect(response.bytes.length).toBeLessThan(64 * 1024);
  });
});

describe('separation of duties (finding 6)', () => {
  it('lets nobody review a version they submitted, whatever roles their token holds; another reviewer may', async () => {
    const dual = suite.local.token(['reviewer', 'province-ZJ'], 'dual-user');
    const headers = { authorization: `Bearer ${dual}`, 'content-type': 'application/json' };
    const created = await fetch(`${suite.local.url}/v1/plans`, { method: 'POST', headers: { ...headers, 'idempotency-key': key() }, body: JSON.stringify(tinyDataset({ province: 'ZJ' })) });
    expect(created.status).toBe(202);
    const { planId } = (await created.json()) as { planId: string };
    await suite.local.queue.idle();
    const review = (authorization: string) =>
      fetch(`${suite.local.url}/v1/plans/${planId}/versions/1/review`, { method: 'POST', headers: { ...headers, authorization }, body: JSON.stringify({ decision: 'approve' }) });
    const own = await review(`Bearer ${dual}`);
    expect(own.status).toBe(403);
    expect(((await own.json()) as any).error.message).toMatch(/You submitted revision 1 .* another reviewer must review it/);
    const other = await review(`Bearer ${suite.local.token(['reviewer'], 'second-reviewer')}`);
    expect(other.status).toBe(200);
  });
});

describe('headers (finding 7)', () => {
  it('puts nosniff and a Referrer-Policy on API answers, downloads, gateway errors and pages; a CSP on /sign-in; no echo of the path', async () => {
    const created = await submit(tinyDataset());
    await suite.local.queue.idle();
    const planId = created.json.planId as string;
    const answers = await Promise.all([
      suite.api('GET', `/v1/plans/${planId}`, { as: 'GD' }),
      suite.api('GET', `/v1/plans/${planId}/sites?format=csv`, { as: 'GD' }),
      suite.api('GET', `/v1/plans/${planId}`, { as: 'ZJ' }),
      suite.api('GET', '/v1/<script>alert(1)</script>'),
      suite.api('GET', '/health'),
      suite.api('GET', '/sign-in?as=reviewer'),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(answers[3]!.status).toBe(404);
    expect(answers[3]!.text).not.toContain('script');
    expect(answers[5]!.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(answers[5]!.headers.get('content-security-policy')).toMatch(/script-src 'sha256-/);
  });
});

describe('sign-in redirect (finding 5)', () => {
  it.each(['/\\evil.example/x', '/%5Cevil.example/x', '/\t/evil.example', '/\n/evil.example', '//evil.example', 'https://evil.example', '/\\/evil.example'])('never leaves the site for next=%j', async (next) => {
    expect(safeNext(next)).toBe('/');
    const page = await suite.api('GET', `/sign-in?as=reviewer&next=${encodeURIComponent(next)}`);
    expect(page.text).toContain('location.replace("/")');
  });

  it('keeps a path of this site', () => {
    expect(safeNext('/plans/abc?tab=sites#x')).toBe('/plans/abc?tab=sites#x');
  });
});

describe('input edges (finding 8)', () => {
  it('accepts a body that starts with a byte-order mark, as the command line does', async () => {
    const response = await suite.api('POST', '/v1/plans', { as: 'GD', rawBody: `\ufeff${JSON.stringify(tinyDataset())}`, headers: { 'content-type': 'application/json', 'idempotency-key': key() } });
    expect(response.status).toBe(202);
  });

  it('refuses a lone surrogate with its path', async () => {
    const dataset = tinyDataset();
    const raw = JSON.stringify(dataset).replace('"太和服务区"', '"太和\\ud800"');
    const response = await suite.api('POST', '/v1/plans', { as: 'GD', rawBody: raw, headers: { 'content-type': 'application/json', 'idempotency-key': key() } });
    expect(response.status).toBe(400);
    expect(response.json.error.issues).toMatchObject([{ path: 'serviceAreas[0].name', message: 'contains a lone surrogate (not valid Unicode text)' }]);
  });

  it('answers a gzip body 415 with a clear message, with or without its header', async () => {
    const zipped = gzipSync(JSON.stringify(tinyDataset()));
    for (const headers of [{ 'content-encoding': 'gzip' }, {}] as Record<string, string>[]) {
      const response = await fetch(`${suite.local.url}/v1/plans`, {
        method: 'POST',
        headers: { authorization: `Bearer ${suite.local.token(['province-GD'], 'user-GD')}`, 'content-type': 'application/json', 'idempotency-key': key(), ...headers },
        body: zipped,
      });
      expect(response.status).toBe(415);
      expect(((await response.json()) as any).error.message).toMatch(/send the body uncompressed/);
    }
  });

  it('refuses a token whose exp is not finite, and says why', async () => {
    const forever = signToken({ sub: 'x', 'cognito:groups': ['province-GD'], ttlSeconds: 0 }, suite.local.secret).split('.');
    const payload = JSON.parse(Buffer.from(forever[1]!, 'base64url').toString()) as Record<string, unknown>;
    const body = Buffer.from(JSON.stringify(payload).replace(/"exp":\d+/, '"exp":1e309')).toString('base64url');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', suite.local.secret).update(`${forever[0]}.${body}`).digest('base64url');
    const response = await suite.api('GET', '/v1/plans?province=GD', { headers: { authorization: `Bearer ${forever[0]}.${body}.${signature}` } });
    expect(response.status).toBe(401);
    expect(response.json.error.message).toBe('The bearer token was refused: exp is not a finite number');
  });

  it('says a subject is too long rather than that no token was sent', async () => {
    const response = await suite.api('GET', '/v1/plans?province=GD', { headers: { authorization: `Bearer ${suite.local.token(['province-GD'], 's'.repeat(300))}` } });
    expect(response.status).toBe(401);
    expect(response.json.error.message).toBe("The token's subject is longer than 256 characters");
  });
});

describe('connections (finding 9)', () => {
  it('closes the connection after a 413, and the next request on a new connection succeeds', async () => {
    const { port } = suite.local;
    const size = 7 * 1024 * 1024;
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      socket.setTimeout(20_000, () => reject(new Error('no answer')));
      socket.write(`POST /v1/plans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size && !socket.destroyed) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    expect(head).toMatch(/^HTTP\/1\.1 413/);
    expect(head.toLowerCase()).toContain('connection: close');
    expect((await fetch(`${suite.local.url}/health`)).status).toBe(200);
  });
});
