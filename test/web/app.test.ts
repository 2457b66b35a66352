import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToWorkbook } from '../../solver/formats/write-workbook.js';
import type { Dataset } from '../../solver/index.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { AS_OF, DEMO_PROGRESS as progressFile } from './helpers/revision.js';
import { submit, submitAndSolve } from './helpers/seed.js';
import { launchBrowser, seriousA11yViolations, settledCount, settledText, tabTo } from './helpers/browser.js';

/*
 * The web app in Debian's chromium against the real `npm start` (real API,
 * real solver, dynalite on a fresh data folder): one server and one browser
 * for the whole file, the tests in order as a planner would go.
 */
interface DemoArea {
  id: string;
  name: string;
  region: string;
  km: number;
  lat?: number;
  lon?: number;
}
const demoFile = new URL('../../data/demo.json', import.meta.url).pathname;
const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as { province: string; phases: { id: string }[]; regions: { id: string }[]; serviceAreas: DemoArea[] };
const located = demo.serviceAreas.filter((area) => area.lat !== undefined && area.lon !== undefined);
const mediumFile = new URL('../../data/medium.json', import.meta.url).pathname;
const bindingFile = new URL('../../data/binding-large.json', import.meta.url).pathname;
const medium = JSON.parse(readFileSync(mediumFile, 'utf8')) as { province: string };

let server: AppServer;
let browser: Browser;
let province: BrowserContext;
let page: Page;
let planUrl = '';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const problems: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  province = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  // Script errors and anything the Content-Security-Policy blocked, on every page of the planner's browser.
  province.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));
  province.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page = await province.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(target: Page): Promise<void> {
  expect(await seriousA11yViolations(target)).toEqual([]);
}

describe('web app, signed out', () => {
  it('asks to sign in on a direct link and offers the local sign-in links', async () => {
    const stranger = await browser.newContext();
    const view = await stranger.newPage();
    await view.goto(`${server.url}/plans/0b5b3f2c-6e86-4a0d-9d1a-3b1f4a2a9c10`);
    await view.getByRole('heading', { name: '请先登录' }).waitFor();
    expect(await view.getByRole('link', { name: '审核人' }).getAttribute('href')).toBe('/sign-in?as=reviewer&next=%2Fplans%2F0b5b3f2c-6e86-4a0d-9d1a-3b1f4a2a9c10');
    await expectAccessible(view);
    await stranger.close();
  });
});

describe('web app, as a province planner', () => {
  it('signs in through the local sign-in link and lands on the plans list', async () => {
    expect(server.output()).toContain(`${server.url}/sign-in?as=reviewer`);
    await page.goto(`${server.url}/sign-in?as=province-${demo.province}`);
    await page.getByRole('heading', { name: '规划方案' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The server seeded the demo on its empty store: the list shows it.
    await page.locator('table.data tbody tr').first().waitFor();
    await expectAccessible(page);
  });

  it('lists every problem of a bad data set with its JSON path and stores nothing', async () => {
    await page.getByRole('link', { name: '提交数据', exact: true }).click();
    await page.getByRole('heading', { name: '提交数据集' }).waitFor();
    await expectAccessible(page);
    const broken = structuredClone(demo) as unknown as { serviceAreas: { corridor: string }[] };
    broken.serviceAreas[0]!.corridor = 'NO-SUCH-ROAD';
    await page.getByLabel('数据集文件（JSON 或 Excel）').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    await page.locator('table.issues code', { hasText: 'serviceAreas[0].corridor' }).waitFor();
    expect(page.url()).toBe(`${server.url}/submit`);
  });

  it('offers the data set template as a workbook', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载数据集 Excel 模板' }).click()]);
    expect(readFileSync((await file.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('names sheet, cell and JSON path of each problem of a workbook', async () => {
    const broken = structuredClone(demo) as unknown as Dataset;
    broken.serviceAreas[2]!.corridor = 'NO-SUCH-ROAD';
    const workbook = await datasetToWorkbook(broken);
    await page.getByLabel('数据集文件（JSON 或 Excel）').setInputFiles({ name: 'broken.xlsx', mimeType: XLSX, buffer: workbook });
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    const row = page.locator('table.issues tbody tr', { hasText: 'serviceAreas[2].corridor' });
    await row.waitFor();
    expect(await row.locator('td').first().textContent()).toMatch(/serviceAreas [A-Z]+\d+$/);
    expect(page.url()).toBe(`${server.url}/submit`);
  });

  it('uploads the demo data set and watches the plan solve', async () => {
    // Another province's hard case goes first: the local queue solves one plan at a time, so the demo waits in view.
    await submit(server, bindingFile);
    await page.getByLabel('数据集文件（JSON 或 Excel）').setInputFiles(demoFile);
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    planUrl = page.url();
    await page.locator('[role=status][data-status]').waitFor();
    expect(await page.locator('progress').count()).toBe(1);
    await page.locator('#summary-title ~ dl .status-optimal').waitFor({ timeout: 60_000 });
    expect(await settledCount(page.getByRole('status'), 0)).toBe(0);
  });

  it('shows one map marker per service area with coordinates, a legend and site details on hover', async () => {
    const map = page.getByRole('region', { name: /地图|map/i });
    await map.locator('path.site-marker').first().waitFor();
    expect(await map.locator('path.site-marker').count()).toBe(located.length);
    expect(await map.locator('path.corridor-line').count()).toBeGreaterThan(0);
    expect(await settledCount(page.locator('.legend li'), demo.phases.length + 4)).toBe(demo.phases.length + 4);
    await map.locator('path.site-marker').first().hover();
    const tooltip = await page.locator('.leaflet-tooltip:not(.region-label):not(.corridor-label)').first().textContent();
    expect(demo.serviceAreas.some((area) => tooltip?.includes(area.name))).toBe(true);
  });

  it('draws the three charts: a bar per region and phase, per phase for spending and piles', async () => {
    const bars = (id: string) => page.locator(`#${id} svg path`).count();
    expect(await bars('chart-coverage')).toBeGreaterThanOrEqual(demo.regions.length * demo.phases.length);
    expect(await bars('chart-spending')).toBeGreaterThanOrEqual(demo.phases.length);
    expect(await bars('chart-piles')).toBeGreaterThanOrEqual(demo.phases.length);
  });

  it('lists every service area in the table, sorts, filters and searches it', async () => {
    const rows = page.locator('table.sites tbody tr');
    expect(await settledCount(rows, 20)).toBe(20);
    await page.getByLabel('每页行数').selectOption('50');
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site')));
    expect(ids.sort()).toEqual(demo.serviceAreas.map((area) => area.id).sort());

    await page.locator('table.sites thead button', { hasText: /^桩号/ }).click();
    const smallest = Math.min(...demo.serviceAreas.map((area) => area.km));
    expect(await rows.first().getAttribute('data-site')).toBe(demo.serviceAreas.find((area) => area.km === smallest)!.id);

    const region = demo.regions[0]!.id;
    await page.getByLabel('地市', { exact: true }).selectOption(region);
    const inRegion = demo.serviceAreas.filter((area) => area.region === region).length;
    expect(await settledCount(rows, inRegion)).toBe(inRegion);
    await page.getByLabel('地市', { exact: true }).selectOption('');

    const wanted = demo.serviceAreas[3]!;
    await page.getByLabel('按名称搜索').fill(wanted.name);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site')))).toContain(wanted.id);
    expect(await rows.count()).toBe(demo.serviceAreas.filter((area) => area.name.includes(wanted.name)).length);
    await page.getByLabel('按名称搜索').fill('');
  });

  it('downloads the CSV with a byte-order mark, one row per service area', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /CSV/ }).click()]);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,name,corridor,km,/);
    expect(lines).toHaveLength(demo.serviceAreas.length + 1);
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${demo.province}-plan-.*\\.csv$`));
    expect(await settledCount(page.getByRole('link', { name: /GeoJSON/ }), 1)).toBe(1);
    expect(await settledCount(page.getByRole('link', { name: /^下载 JSON$/ }), 1)).toBe(1);
  });

  it('downloads the plan as an Excel workbook', async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /XLSX/ }).click()]);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it('plans a data set sent as a workbook', async () => {
    const workbook = await datasetToWorkbook(demo as unknown as Dataset);
    await page.goto(`${server.url}/submit`);
    await page.getByLabel('数据集文件（JSON 或 Excel）').setInputFiles({ name: 'demo.xlsx', mimeType: XLSX, buffer: workbook });
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.locator('#summary-title ~ dl .status-optimal').waitFor({ timeout: 60_000 });
    expect(await settledCount(page.locator('path.site-marker'), located.length)).toBe(located.length);
    await page.goto(planUrl);
  });

  it('keeps the sign-in and the page on reload and as a direct link, and passes axe', async () => {
    await page.reload();
    await page.locator('path.site-marker').first().waitFor();
    const other = await province.newPage();
    await other.goto(planUrl);
    await other.locator('path.site-marker').first().waitFor();
    await other.close();
    await expectAccessible(page);
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Service areas' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await settledText(page.locator('#summary-title ~ dl'), 'CNY')).toContain('CNY');
    await expectAccessible(page);
    await page.getByRole('button', { name: '切换到中文' }).click();
    await page.getByRole('heading', { name: '服务区明细' }).waitFor();
    expect(await settledText(page.locator('#summary-title ~ dl'), '万元')).toContain('万元');
  });
});

/** Submits a data set, waits for its solve and opens its plan, which must show a diagnosis. */
async function openInfeasible(dataset: unknown): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'planner-web-infeasible-'));
  const file = join(folder, 'infeasible.json');
  writeFileSync(file, JSON.stringify(dataset));
  const planId = await submitAndSolve(server, file);
  rmSync(folder, { recursive: true, force: true });
  await page.goto(`${server.url}/plans/${planId}`);
  await page.locator('#diagnosis-title').waitFor();
}

describe('web app, an infeasible plan', () => {
  it('shows the diagnosis before the summary, and no site table to download', async () => {
    const starved = structuredClone(demo) as unknown as { phases: { budget?: number }[] };
    for (const phase of starved.phases) phase.budget = 1;
    await openInfeasible(starved);
    const order = await page.locator('h2').allTextContents();
    expect(order.indexOf('无可行解：原因诊断')).toBeLessThan(order.indexOf('概要'));
    expect(await page.locator('#diagnosis-title ~ ul li').count()).toBeGreaterThan(0);
    expect(await page.locator('table.sites').count()).toBe(0);
    expect(await page.getByRole('link', { name: /CSV/ }).count()).toBe(0);
  });
});

/** English sentences of the server and raw field names that must not show on a Chinese page. */
const NOT_CHINESE = /\b(needs at least|its budget is|service areas?|corridor|region|candidate|required|excluded|buildPhase|regionClass|capex_\w+|piles_\w+|shortfall_\w+|submit|regenerate|maxGapKm|minPilesPerSite|stopped at the time limit|must be|got|unknown key|You may not|not an \.xlsx|forbidden)\b/gi;

async function englishOnPage(target: Page): Promise<string[]> {
  const text = await target.locator('main').innerText();
  return [...new Set(text.match(NOT_CHINESE) ?? [])];
}

describe('web app, Chinese throughout', () => {
  it('renders an infeasible plan\'s diagnosis in Chinese with names, and no English message or field name on the page', async () => {
    // A corridor with every service area but its first excluded: a gap no site can fill, named by corridor and service area.
    const gapped = structuredClone(demo) as unknown as { corridors: { id: string; name?: string }[]; serviceAreas: (DemoArea & { corridor: string; status?: string; requiredBy?: string })[] };
    const corridor = gapped.corridors[0]!;
    const onIt = gapped.serviceAreas.filter((area) => area.corridor === corridor.id).sort((a, b) => a.km - b.km);
    for (const area of onIt.slice(1)) {
      area.status = 'excluded';
      delete area.requiredBy;
    }
    await openInfeasible(gapped);
    const lines = await page.locator('#diagnosis-title ~ ul li').allTextContents();
    expect(lines.join('\n')).toMatch(new RegExp(`${corridor.id} ${corridor.name} K[\\d.]+（${onIt[0]!.name}）至 K[\\d.]+（.+）之间 [\\d.]+ 公里没有可建服务区，超过 \\d+ 年最大间距 \\d+ 公里`));
    expect(await englishOnPage(page)).toEqual([]);
    await expectAccessible(page);
  });

  it('shows the demo plan with Chinese headers, statuses, sources, names and the province by name', async () => {
    await page.goto(planUrl);
    await page.locator('table.sites tbody tr').first().waitFor();
    expect(await page.locator('table.sites thead').innerText()).toContain('建设分期');
    expect(await page.locator('header').first().innerText()).toContain('浙江');
    expect(await englishOnPage(page)).toEqual([]);
  });

  it('labels the map with its regions and expressways as text, and switches a phase\'s layer off and on', async () => {
    await page.goto(planUrl);
    const map = page.locator('.map');
    await map.locator('path.site-marker').first().waitFor();
    const full = demo as unknown as { regions: { id: string; name: string }[]; corridors: { id: string; name: string }[]; serviceAreas: (DemoArea & { corridor: string })[] };
    const regionsOnMap = new Set(located.map((area) => area.region));
    const corridorsOnMap = new Set((full.serviceAreas as (DemoArea & { corridor: string })[]).filter((area) => area.lat !== undefined).map((area) => area.corridor));
    const regionLabels = await map.locator('.region-label').allTextContents();
    expect(regionLabels.sort()).toEqual(full.regions.filter((region) => regionsOnMap.has(region.id)).map((region) => region.name).sort());
    const corridorLabels = await map.locator('.corridor-label').allTextContents();
    expect(corridorLabels.sort()).toEqual(full.corridors.filter((corridor) => corridorsOnMap.has(corridor.id)).map((corridor) => `${corridor.id} ${corridor.name}`).sort());
    // Every expressway drawn, one service area or many.
    expect(await map.locator('path.corridor-line').count()).toBe(corridorsOnMap.size);
    const layer = page.locator('.legend label.layer').nth(1);
    const inLayer = Number(/\((\d+)\)/.exec(await layer.innerText())![1]);
    await layer.locator('input').uncheck();
    expect(await settledCount(map.locator('path.site-marker'), located.length - inLayer)).toBe(located.length - inLayer);
    await layer.locator('input').check();
    expect(await settledCount(map.locator('path.site-marker'), located.length)).toBe(located.length);
  });

  it('lists the problems of a submitted data set in Chinese with their paths, and a refusal in Chinese', async () => {
    const submitFile = (dataset: unknown) => page.getByLabel('数据集文件（JSON 或 Excel）').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(dataset)) });
    const wrongType = { ...(structuredClone(demo) as object), baseYear: '2023' };
    await page.goto(`${server.url}/submit`);
    await submitFile(wrongType);
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    await page.locator('table.issues').waitFor();
    const row = page.locator('table.issues tbody tr', { has: page.locator('code', { hasText: /^baseYear$/ }) });
    expect(await row.innerText()).toContain('须为数字，实际为字符串 "2023"');
    expect(await englishOnPage(page)).toEqual([]);
    // Another province's data set: the refusal (403) in Chinese, the province by name.
    await submitFile({ ...(structuredClone(demo) as object), province: 'GD' });
    await page.getByRole('button', { name: '提交并开始规划' }).click();
    const note = page.locator('.error[data-code="forbidden"]');
    await note.waitFor();
    expect(await note.innerText()).toContain('您无权提交或修改广东省的规划');
    expect(await englishOnPage(page)).toEqual([]);
    await expectAccessible(page);
  });

  it('says a data set uploaded as a progress report is a data set, once', async () => {
    await page.goto(planUrl);
    await page.locator('#upload-progress').setInputFiles(demoFile);
    await page.locator('form.action', { has: page.locator('#upload-progress') }).getByRole('button', { name: '上传' }).click();
    await page.locator('table.issues').waitFor();
    expect(await page.locator('table.issues tbody tr').count()).toBe(1);
    expect(await page.locator('table.issues tbody').innerText()).toContain('这是数据集，不是进度报告');
  });
});

describe('web app, the planning cycle', () => {
  it('uploads a progress report and re-plans as of a date: a second version solves, compared with the first', async () => {
    await page.goto(planUrl);
    await page.locator('path.site-marker').first().waitFor();
    // A report naming a site the data set lacks is refused with its JSON path, and nothing is stored.
    const wrong = JSON.parse(readFileSync(progressFile, 'utf8')) as { sites: { id: string }[] };
    wrong.sites[0]!.id = 'NO-SUCH-SITE';
    await page.locator('#upload-progress').setInputFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
    await page.locator('form.action', { has: page.locator('#upload-progress') }).getByRole('button', { name: '上传' }).click();
    await page.locator('table.issues code', { hasText: 'sites[0].id' }).waitFor();
    await page.locator('#upload-progress').setInputFiles(progressFile);
    await page.locator('form.action', { has: page.locator('#upload-progress') }).getByRole('button', { name: '上传' }).click();
    expect(await settledText(page.locator('form.action [role=status]').first(), '已上传')).toContain('已上传');
    await page.getByLabel('基准日期', { exact: true }).fill(AS_OF);
    await page.getByRole('button', { name: '重新规划' }).last().click();
    await page.getByText('第 2 版').first().waitFor();
    await page.locator('#summary-title ~ dl .status-optimal').waitFor({ timeout: 60_000 });
    expect(await settledText(page.locator('#summary-title ~ dl'), AS_OF)).toContain(AS_OF);
    await page.locator('#diff').waitFor();
    expect(await page.locator('#diff-title').textContent()).toContain('v1 → v2');
    expect(await settledCount(page.locator('#versions-title ~ .table-wrap tbody tr'), 2)).toBe(2);
  });

  it('stores a revised data set as the next revision', async () => {
    const revised = structuredClone(demo) as unknown as { costs?: Record<string, number> };
    revised.costs = { ...(revised.costs ?? {}), perPile: 175_000 };
    await page.locator('#upload-dataset').setInputFiles({ name: 'revised.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(revised)) });
    await page.locator('form.action', { has: page.locator('#upload-dataset') }).getByRole('button', { name: '上传' }).click();
    expect(await settledText(page.locator('form.action', { has: page.locator('#upload-dataset') }).locator('[role=status]'), 'r2')).toContain('数据修订 r2');
  });

  it('shows a reviewer the diff, changed sites highlighted on the map and in the table, and takes the approval', async () => {
    const reviewer = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const view = await reviewer.newPage();
    await view.goto(`${server.url}/sign-in?as=reviewer&next=${encodeURIComponent(new URL(planUrl).pathname)}`);
    await view.locator('#diff').waitFor();
    const changedIds = await view.locator('#diff tbody tr.changed td:first-child').allTextContents();
    expect(changedIds.length).toBeGreaterThan(0);
    const withCoordinates = changedIds.filter((id) => located.some((area) => area.id === id));
    expect(await settledCount(view.locator('path.site-marker.changed'), withCoordinates.length)).toBe(withCoordinates.length);
    const [diffCsv] = await Promise.all([view.waitForEvent('download'), view.getByRole('link', { name: '下载差异 CSV' }).click()]);
    const diffLines = readFileSync((await diffCsv.path())!, 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(diffLines).toHaveLength(changedIds.length + 1);
    await view.getByLabel('只看有变化的').check();
    await view.getByLabel('每页行数').selectOption('50');
    const rows = await view.locator('table.sites tbody tr.changed').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-site')));
    expect(rows.sort()).toEqual([...changedIds].sort());
    await expectAccessible(view);

    await view.getByLabel('审核意见').fill('同意，按期推进');
    await view.getByRole('button', { name: '批准' }).click();
    await view.locator('table.review-history tbody tr', { hasText: '同意，按期推进' }).waitFor();
    expect(await settledText(view.locator('#summary-title'), '正式方案')).toContain('正式方案');
    await reviewer.close();
  });

  it('lets the province see the approval on the plan and in the list', async () => {
    await page.reload();
    await page.locator('table.review-history tbody tr', { hasText: '同意，按期推进' }).waitFor();
    expect(await page.locator('table.review-history tbody tr').first().textContent()).toContain('批准');
    expect(await settledCount(page.getByRole('button', { name: '批准' }), 0)).toBe(0);
    await page.getByRole('link', { name: '方案列表' }).click();
    const row = page.locator('table.data tbody tr', { has: page.locator(`a[href="${new URL(planUrl).pathname}"]`) });
    expect(await settledText(row, '已批准')).toContain('已批准');
    expect(await row.textContent()).toContain('正式方案 v2');
    await page.getByLabel('审核状态').selectOption('approved');
    expect(await settledCount(page.locator('table.data tbody tr'), 1)).toBe(1);
    await page.getByLabel('审核状态').selectOption('');
  });
});

describe('web app, in the background', () => {
  it('raised no script error and broke no rule of its Content-Security-Policy on the planner\'s pages', () => {
    expect(problems).toEqual([]);
  });
});

describe('web app, keyboard only', () => {
  it('reaches a plan from the list, sorts its table and downloads its CSV without a mouse', async () => {
    const keyboard = await province.newPage();
    await keyboard.goto(`${server.url}/`);
    await keyboard.locator('table.data tbody a').first().waitFor();
    await tabTo(keyboard, `table.data tbody a[href="${new URL(planUrl).pathname}"]`);
    await keyboard.keyboard.press('Enter');
    await keyboard.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await keyboard.locator('table.sites tbody tr').first().waitFor();
    await tabTo(keyboard, 'table.sites thead button', /^桩号/);
    await keyboard.keyboard.press('Enter');
    expect(await settledCount(keyboard.locator('table.sites thead th[aria-sort="ascending"]'), 1)).toBe(1);
    await tabTo(keyboard, 'a', /CSV/);
    const [file] = await Promise.all([keyboard.waitForEvent('download'), keyboard.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    await keyboard.close();
  });

  it('lets a reviewer send a version back with a comment without a mouse', async () => {
    const reviewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const view = await reviewer.newPage();
    await view.goto(`${server.url}/sign-in?as=reviewer&next=${encodeURIComponent(`${new URL(planUrl).pathname}/versions/1`)}`);
    await view.locator('path.site-marker').first().waitFor();
    await tabTo(view, 'textarea#review-comment', undefined, 200);
    await view.keyboard.type('2024 期预算请再核实');
    await tabTo(view, 'button', /退回修改/);
    await view.keyboard.press('Enter');
    await view.locator('table.review-history tbody tr', { hasText: '2024 期预算请再核实' }).waitFor();
    expect(await view.locator('table.review-history tbody tr', { hasText: '2024 期预算请再核实' }).textContent()).toContain('退回修改');
    await reviewer.close();
  });
});

describe('web app, as a reviewer', () => {
  it('sees the plans of every province, which a province user does not, and opens one read-only', async () => {
    await submitAndSolve(server, mediumFile);
    const reviewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const view = await reviewer.newPage();
    await view.goto(`${server.url}/sign-in?as=reviewer`);
    const provinceCell = view.locator('table.data tbody tr td:first-child');
    await provinceCell.filter({ hasText: `(${medium.province})` }).first().waitFor();
    expect(await provinceCell.filter({ hasText: `(${demo.province})` }).count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/`);
    await page.locator('table.data tbody tr').first().waitFor();
    expect(await page.locator('table.data tbody tr td:first-child', { hasText: `(${medium.province})` }).count()).toBe(0);
    expect(await settledCount(view.getByRole('link', { name: '提交数据', exact: true }), 0)).toBe(0);
    await view.goto(planUrl);
    await view.locator('path.site-marker').first().waitFor();
    expect(await settledCount(view.getByRole('heading', { name: '操作' }), 0)).toBe(0);
    await expectAccessible(view);
    await reviewer.close();
  });
});
