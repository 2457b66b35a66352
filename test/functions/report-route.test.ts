import { describe, expect, it } from 'vitest';
import { REPORT_SCENARIOS_MAX } from '../../solver/formats/index.js';
import { pdfPages, squeezed } from '../formats/pdf-text.js';
import { demoDataset } from './helpers/data.js';
import { useLocalServer } from './helpers/local-server.js';

/*
 * GET /v1/plans/{planId}/report.pdf over real HTTP on the local server: the
 * demo submitted and solved, its report downloaded and read back page by page
 * with PDF.js (Chinese included), then the plan of record's report after approval,
 * and a report with chosen scenarios beside the plan.
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

  it('adds a page with the chosen scenarios beside the plan: their changes, status and figures', async () => {
    // Prepare: one scenario that stays feasible, one whose budget cut makes it infeasible (remedies), one queued never
    const planId = await submittedDemo();
    const ask = (body: unknown) => server.api('POST', `/v1/plans/${planId}/scenarios`, { as: 'ZJ', body });
    await ask({ name: '电动车多两成', changes: { evShareScale: 1.2 } });
    await ask({ name: '预算砍到一成', changes: { budgetScale: 0.1 } });
    await server.local.queue.idle();
    const [s1, s2] = await Promise.all(['s1', 's2'].map(async (id) => (await server.api('GET', `/v1/plans/${planId}/scenarios/${id}`, { as: 'ZJ' })).json));
    const money = (value: number) => `${(value / 10_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}万元`;

    // Act
    const response = await server.api('GET', `/v1/plans/${planId}/report.pdf?scenarios=s2,s1`, { as: 'reviewer' });
    const plain = await server.api('GET', `/v1/plans/${planId}/report.pdf`, { as: 'ZJ' });

    // Assess
    expect(response.status).toBe(200);
    expect([s1.status, s2.status]).toEqual(['optimal', 'infeasible']);
    const pages = await pdfPages(new Uint8Array(response.bytes));
    const page = pages.find((text) => text.includes(squeezed('情景对比（2 个情景）')));
    expect(page).toBeDefined();
    for (const text of ['s1「电动车多两成」：电动车占比 ×1.2', 's2「预算砍到一成」：预算 ×0.1（各分期）', '本方案第 1 版', '最优', '无可行解', '满足规则', '需追加资金']) expect(page).toContain(squeezed(text));
    // The figures are the scenarios' own (SPEC 8's, as the API gives them): capex, rules met, the extra money.
    expect(page).toContain(squeezed(money(s1.figures.capex)));
    expect(page).toContain(squeezed(`${s2.figures.rulesMet} / ${s2.figures.rulesTotal}`));
    expect(page).toContain(squeezed(money(s2.figures.extraBudget)));
    // Side by side in the order asked: s2's column before s1's.
    expect(page!.indexOf('s2预算砍到一成')).toBeLessThan(page!.indexOf('s1电动车多两成'));
    expect((await pdfPages(new Uint8Array(plain.bytes))).some((text) => text.includes(squeezed('情景对比')))).toBe(false);
  });

  it('refuses bad scenario ids naming the parameter, more than the page holds, and says 404 for an unknown one', async () => {
    const planId = await submittedDemo();
    await server.api('POST', `/v1/plans/${planId}/scenarios`, { as: 'ZJ', body: { name: 'a', changes: {} } });
    const get = (query: string) => server.api('GET', `/v1/plans/${planId}/report.pdf?${query}`, { as: 'ZJ' });
    const many = Array.from({ length: REPORT_SCENARIOS_MAX + 1 }, (_, index) => `s${index + 1}`).join(',');

    const [bad, empty, twice, tooMany, unknown] = await Promise.all([get('scenarios=s1,v2'), get('scenarios='), get('scenarios=s1,s1'), get(`scenarios=${many}`), get('scenarios=s1,s9')]);

    for (const response of [bad, empty, twice, tooMany]) {
      expect(response.status).toBe(400);
      expect(response.json.error.issues[0].path).toBe('query.scenarios');
    }
    expect(tooMany.json.error.issues[0].message).toContain(`at most ${REPORT_SCENARIOS_MAX}`);
    // Each with its catalog code, so the page can say it in Chinese.
    expect([bad, twice, tooMany].map((response) => response.json.error.issues[0].code)).toEqual(['request.whatIfListName', 'request.whatIfListTwice', 'request.whatIfListMax']);
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toContain('s9');
  });
});
