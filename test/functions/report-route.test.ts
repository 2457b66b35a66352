import { describe, expect, it } from 'vitest';
import { pdfPages, squeezed } from '../formats/pdf-text.js';
import { demoDataset } from './helpers/data.js';
import { useLocalServer } from './helpers/local-server.js';

/*
 * GET /v1/plans/{planId}/report.pdf over real HTTP on the local server: the
 * demo submitted and solved, its report downloaded and read back page by page
 * with PDF.js (Chinese included), then the plan of record's report after approval.
 */
const server = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

async function submittedDemo(): Promise<string> {
  const submitted = await server.api('POST', '/v1/plans', { as: 'ZJ', body: demoDataset(), headers: { 'idempotency-key': `report-${Math.random()}` } });
  expect(submitted.status).toBe(202);
  await server.local.queue.idle();
  return submitted.json.planId as string;
}

describe('the report route', () => {
  it('answers a solved version with an A4 PDF in Chinese: cover, targets, every site, numbered pages', async () => {
    // Prepare
    const planId = await submittedDemo();

    // Act
    const response = await server.api('GET', `/v1/plans/${planId}/report.pdf`, { as: 'ZJ' });

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="ZJ-plan-${planId.slice(0, 8)}-v1-report.pdf"`);
    expect(response.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(new Uint8Array(response.bytes));
    expect(pages.length).toBeGreaterThan(2);
    for (const text of ['浙江省', '高速公路快充网络规划报告', '第 1 版（提交）', '2025：3 个地市中 3 个达标', '总投资（名义）']) expect(pages[0]).toContain(squeezed(text));
    const all = pages.join('');
    for (const area of demoDataset().serviceAreas) expect(all).toContain(area.id);
    expect(pages.at(-1)).toContain(squeezed(`第 ${pages.length} 页 / 共 ${pages.length} 页`));
  });

  it('reports the plan of record once a reviewer approved it, and says 404 before, 403 to another province', async () => {
    // Prepare
    const planId = await submittedDemo();
    const before = await server.api('GET', `/v1/plans/${planId}/report.pdf?version=record`, { as: 'ZJ' });
    const other = await server.api('GET', `/v1/plans/${planId}/report.pdf`, { as: 'GD' });

    // Act
    const approved = await server.api('POST', `/v1/plans/${planId}/versions/1/review`, { as: 'reviewer', body: { decision: 'approve', comment: '同意' } });
    const record = await server.api('GET', `/v1/plans/${planId}/report.pdf?version=record`, { as: 'reviewer' });

    // Assess
    expect(before.status).toBe(404);
    expect(other.status).toBe(403);
    expect(approved.status).toBe(200);
    expect(record.status).toBe(200);
    const [cover] = await pdfPages(new Uint8Array(record.bytes));
    expect(cover).toContain(squeezed('已批准'));
    expect(cover).toContain(squeezed('第 1 版（即本版）'));
  });

  it('names the query parameter of a bad version', async () => {
    const planId = await submittedDemo();
    const response = await server.api('GET', `/v1/plans/${planId}/report.pdf?version=0`, { as: 'ZJ' });
    expect(response.status).toBe(400);
    expect(response.json.error.issues[0].path).toBe('query.version');
  });
});
