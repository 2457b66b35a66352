import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser, seriousA11yViolations } from './helpers/browser.js';
import { submitAndSolve, tokenFor } from './helpers/seed.js';
import { pdfPages, squeezed } from '../formats/pdf-text.js';

/*
 * Scenarios and trade-off curves in the web app (SPEC 8), in Debian's chromium
 * against the real `npm start`: the scenario form (its problems by JSON path,
 * then a scenario solved in the background), comparing a version with a
 * scenario in the diff view, a report with a ticked scenario on its comparison
 * page, and a curve drawn as a chart whose points open their plans.
 */
const demoFile = new URL('../../data/demo.json', import.meta.url).pathname;

let server: AppServer;
let browser: Browser;
let page: Page;
let planId = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  planId = await submitAndSolve(server, demoFile);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${server.url}/sign-in?as=province-ZJ`);
  await page.getByRole('heading', { name: '规划方案' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('scenarios in the web app', () => {
  it('lists the problems of a scenario by JSON path and stores nothing, then solves a good one in the background', async () => {
    await page.goto(`${server.url}/plans/${planId}`);
    const form = page.getByRole('form', { name: '新建情景' });
    await page.getByText('新建情景', { exact: true }).click();
    await form.getByLabel('情景名称').fill('太多');
    await form.getByLabel('电动车占比倍数').fill('-1');
    await form.getByRole('button', { name: '求解情景' }).click();
    await form.locator('table.issues', { hasText: 'changes.evShareScale' }).waitFor();
    expect(await page.locator('table.scenarios').count()).toBe(0);

    await form.getByLabel('电动车占比倍数').fill('');
    await form.getByLabel('情景名称').fill('预算削减 50%');
    await form.getByLabel('预算倍数（全部阶段）', { exact: true }).fill('0.5');
    await form.getByRole('button', { name: '求解情景' }).click();
    const row = page.locator('table.scenarios tbody tr', { hasText: '预算削减 50%' });
    await row.waitFor();
    await row.locator('.status-optimal, .status-infeasible, .status-feasible').waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('budgetScale 0.5');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);

  it('compares a version with a scenario in the diff view', async () => {
    const compare = page.locator('form.compare');
    await compare.getByLabel('从').selectOption('1');
    await compare.getByLabel('到').selectOption('s1');
    await compare.getByRole('button', { name: '对比' }).click();
    const heading = page.locator('#diff-title');
    await heading.filter({ hasText: 'v1 → s1' }).waitFor();
    expect(await page.locator('#diff').textContent()).toContain('budgetScale 0.5');
  }, 60_000);

  it('downloads the report with the ticked scenarios compared beside the plan', async () => {
    const section = page.locator('section', { has: page.locator('table.scenarios') });
    expect(await section.getByRole('link', { name: '含情景对比的报告' }).count()).toBe(0);
    await section.getByRole('checkbox', { name: '把 s1 放入报告的情景对比页' }).check();
    const [file] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: '含情景对比的报告' }).click()]);
    const pages = await pdfPages(new Uint8Array(readFileSync((await file.path())!)));
    const comparison = pages.find((text) => text.includes(squeezed('情景对比（1 个情景）')));
    expect(comparison).toContain(squeezed('s1「预算削减 50%」：预算 ×0.5（各分期）'));
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  }, 60_000);

  it("adopts a scenario's changes as the plan's next data set revision, without a version", async () => {
    await page.locator('table.scenarios tbody tr', { hasText: '预算削减 50%' }).getByRole('button', { name: '采纳' }).click();
    await page.getByRole('status').filter({ hasText: '已采纳为数据集修订 2' }).waitFor();
    const plan = await (await fetch(`${server.url}/v1/plans/${planId}`, { headers: { authorization: `Bearer ${tokenFor(server, 'province-ZJ')}` } })).json();
    expect(plan).toMatchObject({ latestRevision: 2, latestVersion: 1 });
  }, 60_000);

  it('draws a trade-off curve as a chart, its points filled in as they finish, each opening its plan', async () => {
    await page.goto(`${server.url}/plans/${planId}/curves`);
    const form = page.getByRole('form', { name: '新建权衡曲线' });
    await form.getByLabel('变化项').selectOption('budgetScale');
    await form.getByLabel('起点').fill('0.5');
    await form.getByLabel('终点').fill('1.5');
    await form.getByLabel('点数（2–21）').fill('3');
    await form.getByLabel('不可行点补救方案时限（秒，默认 30）').fill('5');
    await form.getByRole('button', { name: '计算曲线' }).click();
    await page.waitForURL(/\/curves\/c1$/);
    const rows = page.locator('table.curve-points tbody tr');
    await rows.nth(2).waitFor();
    await page.getByText(/还有 \d+ 个点在求解/).waitFor({ state: 'detached', timeout: 60_000 });
    expect(await rows.count()).toBe(3);
    // The chart is drawn: one line for capex and one for rules met, as SVG paths.
    const chart = page.locator('#curve-chart svg');
    await chart.waitFor();
    expect(await chart.locator('path').count()).toBeGreaterThan(2);
    expect(await page.locator('#curve-chart [role=img]').getAttribute('aria-label')).toContain('1.5');
    const asked = (await (await fetch(`${server.url}/v1/plans/${planId}/curves/c1`, { headers: { authorization: `Bearer ${tokenFor(server, 'province-ZJ')}` } })).json()) as { remediesTimeLimitSeconds?: number };
    expect(asked.remediesTimeLimitSeconds).toBe(5);

    await rows.nth(2).getByRole('link', { name: 'c1-3' }).click();
    await page.waitForURL(/\/scenarios\/c1-3$/);
    await page.getByRole('heading', { name: /情景方案 c1-3/ }).waitFor();
    await page.locator('table.data').first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 120_000);
});
