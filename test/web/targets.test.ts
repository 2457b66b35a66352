import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToJson, generateProvince } from '../../data/generate-lib.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser, seriousA11yViolations } from './helpers/browser.js';
import { submitAndSolve } from './helpers/seed.js';

/*
 * Targets first, in Chromium against the real `npm start`: the demo (3 regions)
 * and a generated Shandong of 16 regions x 6 phases, each plan page read as a
 * reviewer at desktop width and at 390 px, the report downloaded from its button,
 * and the page as printed.
 */
const demoFile = new URL('../../data/demo.json', import.meta.url).pathname;
const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as { regions: { id: string; name: string }[] };
const folder = mkdtempSync(join(tmpdir(), 'planner-targets-'));
const shandongFile = join(folder, 'shandong.json');
const shandong = generateProvince({ seed: 16, sites: 200, province: 'SD', regions: 16, phases: 6, budget: 'none', spacing: false });
writeFileSync(shandongFile, datasetToJson(shandong));

let server: AppServer;
let browser: Browser;
let desk: BrowserContext;
let phone: BrowserContext;
let demoUrl = '';
let shandongUrl = '';

async function signedIn(width: number, height: number): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width, height } });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in?as=reviewer`);
  await page.getByRole('heading', { name: '规划方案' }).waitFor();
  await page.close();
  return context;
}

async function openPlan(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('heading', { name: '目标达成情况' }).waitFor();
  await page.locator('table.data.sites tbody tr').first().waitFor();
  return page;
}

/** How far the page is wider than its window: 0 when nothing scrolls sideways. */
const sidewaysScroll = (page: Page) => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  const [demoId, shandongId] = [await submitAndSolve(server, demoFile), await submitAndSolve(server, shandongFile)];
  demoUrl = `${server.url}/plans/${demoId}`;
  shandongUrl = `${server.url}/plans/${shandongId}`;
  [desk, phone] = [await signedIn(1280, 900), await signedIn(390, 844)];
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('targets first', () => {
  it('opens the demo with each phase’s regions meeting their target, the nominal total first and the discounted total explained', async () => {
    const page = await openPlan(desk, demoUrl);
    const counts = page.locator('.target-counts li');
    expect(await counts.allTextContents()).toEqual(['2023：3 个地市中 3 个达标', '2024：3 个地市中 3 个达标', '2025：3 个地市中 3 个达标']);
    const money = page.locator('dl.money');
    expect(await money.locator('dt').first().textContent()).toBe('总投资（名义）');
    expect(await money.locator('dd').first().textContent()).toBe('11,205.6 万元');
    const discounted = money.locator('abbr');
    expect(await discounted.textContent()).toBe('折现总费用（折现率 4.0%）');
    expect(await discounted.getAttribute('title')).toContain('不是实际支出');
    const rows = page.locator('table.matrix tbody tr');
    expect(await rows.count()).toBe(demo.regions.length);
    for (const region of demo.regions) expect(await page.locator('table.matrix tbody th', { hasText: region.name }).count()).toBe(1);
    expect(await page.locator('table.matrix td').first().textContent()).toMatch(/^\d+ \/ \d+ · [\d.]+% 达标$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('reads 16 regions x 6 phases: every count, every region in the matrix and on the coverage chart, missed targets in red with the shortfall', async () => {
    const page = await openPlan(desk, shandongUrl);
    const counts = await page.locator('.target-counts li').allTextContents();
    expect(counts).toHaveLength(6);
    for (const line of counts) expect(line).toMatch(/^20\d\d：(16 个地市中 \d+ 个达标|本期未设覆盖目标)$/);
    expect(await page.locator('table.matrix tbody tr').count()).toBe(16);
    const headers = await page.locator('table.matrix thead th').allTextContents();
    expect(headers.slice(1)).toEqual(shandong.phases.filter((phase) => phase.targets !== undefined).map((phase) => phase.id));
    for (const cell of await page.locator('table.matrix td.unmet').allTextContents()) expect(cell).toMatch(/未达标（差 \d+ 个）$/);
    if ((await page.locator('table.matrix td.unmet').count()) > 0) {
      expect(await page.locator('table.matrix td.unmet strong').first().evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).color)).toBe('rgb(183, 28, 28)');
    }
    // Every region's name is on the coverage chart (horizontal bars, one per region).
    const chartText = await page.locator('#chart-coverage svg').textContent();
    for (const region of shandong.regions) expect(chartText).toContain(region.name);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('puts each target marker on its own phase’s bar at the target rate', async () => {
    const page = await openPlan(desk, demoUrl);
    // Bars (height 18) and target markers (4 x 22) as drawn: each marker's centre on one bar's row, at the target's share of the axis.
    const shapes = await page.locator('#chart-coverage svg path').evaluateAll((paths) =>
      paths.map((path) => {
        const box = path.getBoundingClientRect();
        return { x: box.x, y: box.y, width: box.width, height: box.height };
      }),
    );
    const markers = shapes.filter((shape) => Math.round(shape.width) === 4 && Math.round(shape.height) === 22);
    const bars = shapes.filter((shape) => Math.round(shape.height) === 18 && shape.width > 4);
    expect(markers).toHaveLength(demo.regions.length);
    expect(bars).toHaveLength(demo.regions.length);
    const axisStart = Math.min(...bars.map((bar) => bar.x));
    const centreY = (shape: { y: number; height: number }) => shape.y + shape.height / 2;
    for (const marker of markers) expect(bars.some((bar) => Math.abs(centreY(bar) - centreY(marker)) < 1)).toBe(true);
    // The demo's 2025 targets: 80% for priority regions (宁波, 绍兴), 60% for standard (台州): two marker positions, 4:3 from the axis.
    const offsets = [...new Set(markers.map((marker) => Math.round(marker.x + marker.width / 2 - axisStart)))].sort((a, b) => a - b);
    expect(offsets).toHaveLength(2);
    expect(offsets[1]! / offsets[0]!).toBeCloseTo(0.8 / 0.6, 1);
    await page.getByLabel('显示分期').selectOption('2024');
    expect(await page.locator('#chart-coverage figcaption').textContent()).toContain('2024');
    await page.close();
  });
});

describe('state in the address', () => {
  it('keeps the sites table’s filter and sort and the language in the address, so a reload (or a link) shows the same', async () => {
    const page = await openPlan(desk, demoUrl);
    await page.locator('.filters select').first().selectOption('NINGBO');
    await page.locator('table.data.sites thead button.sort').nth(3).click();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ region: 'NINGBO', sort: 'km' });
    const shown = await page.locator('table.data.sites tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-site')));
    await page.goto(`${page.url()}&lang=en`);
    await page.getByRole('heading', { name: 'Targets' }).waitFor();
    await page.locator('table.data.sites tbody tr').first().waitFor();
    expect(await page.locator('table.data.sites tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-site')))).toEqual(shown);
    // Back to Chinese for the tests after this one: the switch takes the language out of the address.
    await page.getByRole('button', { name: '切换到中文' }).click();
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
    await page.close();
  });
});

describe('the report and the printed page', () => {
  it('downloads the PDF report from the plan page', async () => {
    const page = await openPlan(desk, demoUrl);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 PDF 报告' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^ZJ-plan-[0-9a-f]{8}-v1-report\.pdf$/);
    expect(readFileSync((await file.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  });

  it('prints every site and no navigation or buttons', async () => {
    const page = await openPlan(desk, demoUrl);
    expect(await page.locator('table.data.sites tbody tr').count()).toBe(20);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.locator('table.data.sites tbody tr').count()).toBe(40);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '下载 PDF 报告' }).isVisible()).toBe(false);
    await page.close();
  });
});

describe('the national overview', () => {
  it('lists the 31 provincial-level regions on a tile grid and in a table, filters and sorts from the address, and exports a workbook', async () => {
    const page = await desk.newPage();
    await page.goto(`${server.url}/plans`);
    await page.getByRole('link', { name: '全国概览' }).click();
    await page.getByRole('heading', { name: '全国概览' }).waitFor();
    await page.locator('table.overview-table tbody tr').first().waitFor();
    expect(await page.locator('table.overview-table tbody tr').count()).toBe(31);
    expect(await page.locator('ul.tiles li').count()).toBe(31);
    expect(await page.locator('ul.tiles li.progress-none').count()).toBe(29);
    // Waiting for review first: the two solved, unreviewed plans head the table.
    expect(await page.locator('table.overview-table tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getAttribute('data-province')).sort())).toEqual(['SD', 'ZJ']);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: '筛选' }).selectOption('waiting');
    await page.getByRole('button', { name: '省份' }).click();
    expect(new URL(page.url()).search).toBe('?show=waiting&sort=province');
    await page.reload();
    await page.locator('table.overview-table tbody tr').first().waitFor();
    expect(await page.locator('table.overview-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-province')))).toEqual(['SD', 'ZJ']);

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel (XLSX)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^overview-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(readFileSync((await file.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.close();
  });
});

describe('a re-plan that cannot surprise', () => {
  it('says which phases the date closes, asks to confirm, and keeps the reviewer’s open request in the list after the re-plan', async () => {
    // Prepare: the reviewer sends the demo's version 1 back.
    const reviewer = await openPlan(desk, demoUrl);
    await reviewer.getByLabel('审核意见').fill('请补充宁波段电网容量说明，'.repeat(12));
    await reviewer.getByRole('button', { name: '退回修改' }).click();
    await reviewer.locator('.review-headline', { hasText: '需修改' }).waitFor();
    // The comment sits beside the state at the top and wraps: the header is no wider than the page.
    expect(await reviewer.locator('.review-headline q').textContent()).toContain('请补充宁波段电网容量说明');
    expect(await sidewaysScroll(reviewer)).toBe(0);
    await reviewer.close();
    const planner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await planner.newPage();
    await page.goto(`${server.url}/sign-in?as=province-ZJ`);
    await page.getByRole('heading', { name: '规划方案' }).waitFor();
    await page.goto(demoUrl);
    await page.getByRole('heading', { name: '目标达成情况' }).waitFor();

    // Act and assess: today closes every phase of the demo (2023-2025).
    const closes = page.locator('#replan-closes');
    expect(await closes.textContent()).toContain('此日期将结束分期 2023、2024、2025（3 期中的 3 期）');
    expect(await closes.textContent()).toContain('所有分期都将结束');
    const go = page.getByRole('button', { name: '重新规划' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel('基准日期').fill('2023-06-30');
    expect(await closes.textContent()).toBe('此日期不结束任何分期。');
    expect(await go.isDisabled()).toBe(false);
    await page.getByLabel('基准日期').fill('2024-01-15');
    expect(await closes.textContent()).toContain('分期 2023 的投资尚未报告');
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel('我已了解，仍按此日期重新规划').check();
    await go.click();
    await page.locator('.plan-head', { hasText: '第 2 版' }).waitFor();

    await page.goto(`${server.url}/plans`);
    const row = page.locator('table.data tbody tr', { has: page.locator(`a[href="${new URL(demoUrl).pathname}"]`) });
    await row.locator('.last-review').waitFor();
    expect(await row.locator('.last-review').textContent()).toBe('（第 1 版：需修改）');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await planner.close();
  });
});

describe('at 390 px', () => {
  it('scrolls no page sideways: the plans list, the demo, the 16-region plan and the overview', async () => {
    const list = await phone.newPage();
    await list.goto(`${server.url}/plans`);
    await list.locator('table.data tbody tr').first().waitFor();
    const widths = [await sidewaysScroll(list)];
    // The demo's version 1: its long review comment (the re-plan test's) must wrap too.
    for (const url of [`${demoUrl}/versions/1`, shandongUrl]) {
      const page = await openPlan(phone, url);
      widths.push(await sidewaysScroll(page));
      // The matrix is one block per region: its cells are as wide as the card, not a column of a wide table.
      expect(await page.locator('table.matrix thead').evaluate((element) => element.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
      await page.close();
    }
    const overview = await phone.newPage();
    await overview.goto(`${server.url}/overview`);
    await overview.locator('table.overview-table tbody tr').first().waitFor();
    widths.push(await sidewaysScroll(overview));
    expect(widths).toEqual([0, 0, 0, 0]);
  });
});
