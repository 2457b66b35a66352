import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { apiClient } from './helpers/api.js';
import { tinyDataset } from './helpers/data.js';

/*
 * Sizes are refused before anything is written, over HTTP on the local server:
 * free text past its stated maximum is a 400 naming the field (never a 500
 * from DynamoDB's 400 KB item limit after the idempotency key was claimed), and
 * a body over the API's limit is a 413.
 */
let local: LocalServer;
let api: ReturnType<typeof apiClient>;
let dataDir: string;

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  dataDir = mkdtempSync(join(tmpdir(), 'planner-limits-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {} });
  api = apiClient(local);
});

afterAll(async () => {
  await local?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const plansOf = async (province: string) => (await api('GET', `/v1/plans?province=${province}`, { as: province })).json.items as unknown[];

describe('limits before writes', () => {
  it('refuses a data set whose name is 450,000 characters long with a 400 naming it, on every retry, and stores nothing', async () => {
    const dataset = tinyDataset({ name: '名'.repeat(450_000) });

    const first = await api('POST', '/v1/plans', { as: 'GD', body: dataset, headers: { 'idempotency-key': 'long-name' } });
    const retry = await api('POST', '/v1/plans', { as: 'GD', body: dataset, headers: { 'idempotency-key': 'long-name' } });

    for (const response of [first, retry]) {
      expect(response.status).toBe(400);
      expect(response.json.error.issues).toEqual([{ path: 'name', message: 'must be at most 200 characters, got 450,000', code: 'field.tooLong', params: { max: 200, count: 450_000 } }]);
    }
    expect(await plansOf('GD')).toHaveLength(0);
    // The key was never claimed: the corrected data set goes through under it.
    const corrected = await api('POST', '/v1/plans', { as: 'GD', body: tinyDataset(), headers: { 'idempotency-key': 'long-name' } });
    expect(corrected.status).toBe(202);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
  });

  it('names every over-long id, name and currency by its JSON path', async () => {
    const dataset = tinyDataset();
    dataset.currency = 'C'.repeat(17);
    dataset.regions[0]!.name = 'r'.repeat(201);
    dataset.corridors[0]!.name = 'c'.repeat(201);
    dataset.serviceAreas[2]!.name = 's'.repeat(201);
    dataset.serviceAreas[3]!.id = 'i'.repeat(65);
    dataset.phases[1]!.id = 'p'.repeat(65);

    const response = await api('POST', '/v1/plans', { as: 'GD', body: dataset, headers: { 'idempotency-key': 'long-fields' } });

    expect(response.status).toBe(400);
    const paths = (response.json.error.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['currency', 'regions[0].name', 'corridors[0].name', 'serviceAreas[2].name', 'serviceAreas[3].id', 'phases[1].id']));
  });

  it('accepts and solves a data set with every text at its limit, in four-byte characters', async () => {
    const emoji = '🚗';
    const dataset = tinyDataset({ name: emoji.repeat(200), currency: emoji.repeat(16) });
    dataset.regions[0]!.name = emoji.repeat(200);
    dataset.serviceAreas[0]!.name = emoji.repeat(200);
    dataset.serviceAreas[0]!.id = emoji.repeat(64);

    const response = await api('POST', '/v1/plans', { as: 'GD', body: dataset, headers: { 'idempotency-key': 'at-limits' } });
    await local.queue.idle();
    const plan = await api('GET', `/v1/plans/${response.json.planId}`, { as: 'GD' });

    expect(response.status).toBe(202);
    expect(plan.json.name).toBe(emoji.repeat(200));
    expect(plan.json.status).toBe('optimal');
  });

  it('answers a tampered cursor with the right key names with 400 at query.cursor, never a 500', async () => {
    const submitted = await api('POST', '/v1/plans', { as: 'GD', body: tinyDataset(), headers: { 'idempotency-key': 'cursor-plan' } });
    const planId = submitted.json.planId as string;
    const cursor = (key: Record<string, string>) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const gsi = { pk: `PLAN#${planId}`, sk: 'PLAN', gsi1pk: 'PROVINCE#GD' };

    const answers = await Promise.all([
      // A sort key DynamoDB refuses for its size, and one outside the listing's key range.
      api('GET', `/v1/plans?province=GD&cursor=${cursor({ ...gsi, gsi1sk: 'a'.repeat(2100) })}`, { as: 'GD' }),
      api('GET', `/v1/plans/${planId}/versions?cursor=${cursor({ pk: `PLAN#${planId}`, sk: 'PLAN#' })}`, { as: 'GD' }),
      api('GET', `/v1/plans/${planId}/versions?cursor=${cursor({ pk: `PLAN#${planId}`, sk: 'VERSION#000009' })}`, { as: 'GD' }),
      api('GET', `/v1/plans?province=GD&cursor=${cursor({ ...gsi, gsi1sk: '', pk: '' })}`, { as: 'GD' }),
    ]);

    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.json.error.issues).toEqual([{ path: 'query.cursor', message: 'is not a cursor returned by this listing', code: 'request.badCursor', params: {} }]);
    }
  });

  it('answers a 7 MB body with 413 and stores nothing', async () => {
    const before = (await plansOf('GD')).length;
    const dataset = tinyDataset({ name: 'x'.repeat(7 * 1024 * 1024) });

    const response = await api('POST', '/v1/plans', { as: 'GD', body: dataset, headers: { 'idempotency-key': 'seven-megabytes' } });

    expect(response.status).toBe(413);
    expect(response.json.error.code).toBe('payload_too_large');
    expect(await plansOf('GD')).toHaveLength(before);
  });
});
