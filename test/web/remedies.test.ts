import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infeasibleDemo } from '../functions/helpers/data.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser, seriousA11yViolations, settledCount, settledText } from './helpers/browser.js';
import { submitAndSolve } from './helpers/seed.js';

/*
 * The infeasible plan page's three answers (SPEC 7) in Chromium against the
 * real `npm start`: the demo with its budget cut and a G1512 stretch with no
 * coverable service area, solved by the real solver.
 */
const dataset = infeasibleDemo();
const shaoxingLocated = dataset.serviceAreas.filter((area) => area.region === 'SHAOXING' && area.lat !== undefined).length;
const located = dataset.serviceAreas.filter((area) => area.lat !== undefined).length;

let server: AppServer;
let browser: Browser;
let page: Page;
let planPath = '';
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  page = await context.newPage();
  const folder = mkdtempSync(join(tmpdir(), 'planner-web-remedies-'));
  const file = join(folder, 'infeasible.json');
  writeFileSync(file, JSON.stringify(dataset));
  planPath = `/plans/${await submitAndSolve(server, file)}`;
  rmSync(folder, { recursive: true, force: true });
  await page.goto(`${server.url}/sign-in?as=province-${dataset.province}&next=${encodeURIComponent(planPath)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app, the remedies of an infeasible plan', () => {
  it('shows the three answers under the diagnosis, in words with names, not codes', async () => {
    await page.locator('#remedies-title').waitFor();
    const headings = await page.locator('h2').allTextContents();
    expect(headings.indexOf('无可行解：原因诊断')).toBeLessThan(headings.indexOf('补救方案：怎样才能做到'));
    const section = page.locator('section[aria-labelledby="remedies-title"]');
    expect(await section.locator('h3').allTextContents()).toEqual(['一、预算内的最佳方案', '二、追加预算', '三、需新建服务区的路段']);
    const within = await section.locator('section[aria-labelledby="remedy-within-title"]').textContent();
    expect(within).toContain('满足 14 / 16 条规则，覆盖率目标共差 1 个服务区');
    expect(within).toContain('覆盖率目标 · 绍兴市 2024 年：已覆盖 7，应覆盖 8');
    expect(within).toContain('最大间距 · 路线 G1512 甬金高速 2025 年（无论投资多少都无法满足）');
    const extra = await section.locator('section[aria-labelledby="remedy-extra-title"]').textContent();
    expect(extra).toContain('最少需追加 20.4 万元');
    expect(extra).toContain('2024 年追加 20.4 万元');
    const newSites = await section.locator('section[aria-labelledby="remedy-new-title"]').textContent();
    expect(newSites).toContain('G1512 甬金高速 K1,037.4（兰阳服务区）至 K1,196.8（金源服务区）');
    expect(newSites).toContain('需新建 1 处，建议位置 K1,117.1');
    expect(await section.textContent()).not.toContain('SHAOXING');
  });

  it('marks what the best-effort plan misses on its targets matrix and on the map, with the new site at its km', async () => {
    const missed = page.locator('table.remedy-targets td.unmet');
    expect(await settledCount(missed, 1)).toBe(1);
    expect(await missed.getAttribute('data-region')).toBe('SHAOXING');
    expect(await missed.getAttribute('data-phase')).toBe('2024');
    expect(await missed.textContent()).toContain('未达标');
    expect(await settledCount(page.locator('path.new-site-marker'), 1)).toBe(1);
    expect(await page.locator('path.gap-corridor').count()).toBe(1);
    expect(await page.locator('path.remedy-site.misses').count()).toBe(shaoxingLocated);
    // The proposal lies between 兰阳 (km 1037.4) and 金源 (km 1196.8), interpolated at km 1117.1.
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const marker = await box('path.new-site-marker');
    expect(marker.width).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('draws the diagnosis\' stretch with no coverable service area on the map, with its words as text', async () => {
    // The diagnosis names G1512 from 兰阳 (km 1037.4) to 金源 (km 1196.8): one red stretch, labelled in Chinese.
    expect(await settledCount(page.locator('path.gap-stretch'), 1)).toBe(1);
    const label = (await page.locator('.gap-label').allTextContents()).join(' | ');
    expect(label).toBe('G1512 甬金高速 K1,037.4–K1,196.8：159.4 公里无可建服务区');
    expect(await page.locator('.map-layout .legend').textContent()).toContain('诊断：没有可建服务区的路段 (1)');
    // The stretch lies where the proposed new site is: the new site's marker sits on it.
    const stretch = (await page.locator('path.gap-stretch').boundingBox())!;
    const marker = (await page.locator('path.new-site-marker').boundingBox())!;
    const centre = { x: marker.x + marker.width / 2, y: marker.y + marker.height / 2 };
    expect(centre.x).toBeGreaterThanOrEqual(stretch.x - 1);
    expect(centre.x).toBeLessThanOrEqual(stretch.x + stretch.width + 1);
    expect(centre.y).toBeGreaterThanOrEqual(stretch.y - 1);
    expect(centre.y).toBeLessThanOrEqual(stretch.y + stretch.height + 1);
  });

  it("opens a remedy's plan like any plan: map, charts, table and downloads named for the remedy", async () => {
    await page.locator('section[aria-labelledby="remedy-extra-title"]').getByRole('link', { name: '查看此方案（地图、图表、明细、下载）' }).click();
    await page.locator('#remedy-plan-title').waitFor();
    expect(new URL(page.url()).search).toBe('?remedy=extraBudget');
    expect(await page.locator('#remedy-plan-title').textContent()).toContain('二、追加预算');
    expect(await settledCount(page.locator('path.site-marker'), located)).toBe(located);
    await page.locator('table.sites tbody tr').first().waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/-v1-extraBudget\.csv$/);
    const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(dataset.serviceAreas.length + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '返回原方案' }).click();
    expect(await settledCount(page.locator('#remedy-plan-title'), 0)).toBe(0);
    await page.goto(`${server.url}${planPath}?remedy=withinBudget`);
    expect(await settledText(page.locator('#remedy-plan-title'), '一、预算内的最佳方案')).toContain('一、预算内的最佳方案');
    expect(problems).toEqual([]);
  });
});
