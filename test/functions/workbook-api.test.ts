import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../functions/local/server.js';
import { MAX_BODY_BYTES } from '../../functions/lib/http.js';
import { datasetToWorkbook, XLSX_MEDIA_TYPE } from '../../solver/formats/index.js';
import { columnOf, editWorkbook, openWorkbook, sheetName } from '../formats/helpers.js';
import { demoDataset, tinyDataset } from './helpers/data.js';
import { startDynalite, type DynamoServer } from './helpers/servers.js';

/*
 * Workbooks over real HTTP: the local server (the Lambda handlers, the
 * in-process queue standing in for SQS) on dynalite, which the test also scans
 * to see that a rejected upload stored nothing.
 */
let store: DynamoServer;
let local: LocalServer;
let dataDir: string;
const tableName = 'workbooks';

beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  store = await startDynalite();
  dataDir = mkdtempSync(join(tmpdir(), 'planner-xlsx-'));
  local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {}, dynamoEndpoint: store.endpoint, tableName });
});

afterAll(async () => {
  await local?.close();
  await store?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function send(method: string, path: string, options: { as?: string; body?: Buffer; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.as ? { authorization: `Bearer ${local.token([`province-${options.as}`])}` } : {}), ...options.headers };
  const response = await fetch(`${local.url}${path}`, { method, headers, body: options.body });
  const bytes = Buffer.from(await response.arrayBuffer());
  let json: any;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

const upload = (body: Buffer, key: string, as = 'GD') =>
  send('POST', '/v1/plans', { as, body, headers: { 'content-type': XLSX_MEDIA_TYPE, 'idempotency-key': key } });

async function storedItems(): Promise<number> {
  const client = new DynamoDBClient({ endpoint: store.endpoint });
  const scanned = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT' }));
  client.destroy();
  return scanned.Count ?? 0;
}

describe('workbooks over the HTTP API', () => {
  it('accepts a data set workbook, solves it, and plans it as its JSON would be', async () => {
    // Prepare
    const dataset = tinyDataset();

    // Act
    const fromWorkbook = await upload(await datasetToWorkbook(dataset), 'xlsx-1');
    const fromJson = await send('POST', '/v1/plans', { as: 'GD', body: Buffer.from(JSON.stringify(dataset)), headers: { 'content-type': 'application/json', 'idempotency-key': 'json-1' } });
    await local.queue.idle();
    const [a, b] = await Promise.all([
      send('GET', `/v1/plans/${fromWorkbook.json.planId}`, { as: 'GD' }),
      send('GET', `/v1/plans/${fromJson.json.planId}`, { as: 'GD' }),
    ]);
    const [sitesA, sitesB] = await Promise.all([
      send('GET', `/v1/plans/${fromWorkbook.json.planId}/sites?format=json`, { as: 'GD' }),
      send('GET', `/v1/plans/${fromJson.json.planId}/sites?format=json`, { as: 'GD' }),
    ]);

    // Assess
    expect(fromWorkbook.status).toBe(202);
    expect(a.json.status).toBe('optimal');
    expect(sitesA.json.sites).toEqual(sitesB.json.sites);
    expect(a.json.summary.objective).toBe(b.json.summary.objective);
    expect(a.json.summary.phases).toEqual(b.json.summary.phases);
  });

  it('answers a workbook with problems 400, naming sheet, cell and JSON path, and stores nothing', async () => {
    // Prepare
    const before = await storedItems();
    const file = await editWorkbook(await datasetToWorkbook(tinyDataset()), (workbook) => {
      const areas = workbook.getWorksheet(sheetName('serviceAreas'))!;
      areas.getCell(`${columnOf(areas, 'region')}4`).value = 'WEST';
    });

    // Act
    const response = await upload(file, 'xlsx-bad');

    // Assess
    expect(response.status).toBe(400);
    expect(response.json.error.issues).toEqual([
      { sheet: '服务区 serviceAreas', cell: 'E4', path: 'serviceAreas[2].region', message: 'unknown region WEST', code: 'field.unknownRef', params: { kind: 'region', id: 'WEST' } },
    ]);
    expect(await storedItems()).toBe(before);
  });

  it('answers a body that is no workbook 400 with the reason at $', async () => {
    const response = await upload(Buffer.from('province,name\nGD,x\n'), 'xlsx-text');

    expect(response.status).toBe(400);
    expect(response.json.error.issues[0]).toMatchObject({ path: '$', message: expect.stringContaining('not an .xlsx workbook'), code: 'workbook.notXlsx' });
  });

  it('answers an oversize workbook 413', async () => {
    const response = await upload(Buffer.alloc(MAX_BODY_BYTES + 10, 0x50), 'xlsx-big');

    expect(response.status).toBe(413);
  });

  it('serves the plan as a workbook from sites?format=xlsx, one site row per service area', async () => {
    const dataset = demoDataset();
    const accepted = await send('POST', '/v1/plans', { as: dataset.province, body: Buffer.from(JSON.stringify(dataset)), headers: { 'content-type': 'application/json', 'idempotency-key': 'demo-xlsx' } });
    await local.queue.idle();

    const response = await send('GET', `/v1/plans/${accepted.json.planId}/sites?format=xlsx`, { as: dataset.province });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_MEDIA_TYPE);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ZJ-plan-[0-9a-f]{8}-v1\.xlsx"$/);
    const workbook = await openWorkbook(response.bytes);
    expect(workbook.getWorksheet('站点 sites')!.actualRowCount).toBe(dataset.serviceAreas.length + 1);
  });

  it('takes a workbook as a new revision of a plan\'s data set, and names its problems by sheet and cell', async () => {
    // Prepare
    const accepted = await upload(await datasetToWorkbook(tinyDataset()), 'revise-base');
    await local.queue.idle();
    const revised = tinyDataset({ name: '广东省快充网络（修订）' });
    const broken = await editWorkbook(await datasetToWorkbook(revised), (workbook) => {
      workbook.getWorksheet(sheetName('traffic'))!.getCell('D3').value = -5;
    });
    const revise = (body: Buffer, key: string) =>
      send('PUT', `/v1/plans/${accepted.json.planId}/dataset`, { as: 'GD', body, headers: { 'content-type': XLSX_MEDIA_TYPE, 'idempotency-key': key } });

    // Act
    const ok = await revise(await datasetToWorkbook(revised), 'revision-2');
    const bad = await revise(broken, 'revision-bad');

    // Assess
    expect(ok.status).toBe(201);
    expect(ok.json.revision).toBe(2);
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues).toMatchObject([{ sheet: '交通量 traffic', cell: 'D3', path: 'traffic[1].aadt', message: expect.stringContaining('got -5') }]);
  });

  it('serves the template, which a province can fill and submit as it is', async () => {
    const template = await send('GET', '/v1/templates/dataset.xlsx', { as: 'GD' });

    const submitted = await upload(template.bytes, 'template-as-is');

    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toContain('dataset-template.xlsx');
    expect(submitted.status).toBe(202);
  });
});
