import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToJson, generateProvince } from '../../data/generate-lib.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser, seriousA11yViolations, settledCount } from './helpers/browser.js';
import { submitAndSolve } from './helpers/seed.js';

/*
 * The plan's map in Chromium against the real `npm start`: the table's filters
 * applied to the map (the demo, one SVG element per marker), and a plan of 600
 * service areas painted on a canvas, out of the tab order.
 */
interface Area {
  id: string;
  name: string;
  region: string;
  corridor: string;
  lat?: number;
}
const demoFile = new URL('../../data/demo.json', import.meta.url).pathname;
const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as { regions: { id: string; name: string }[]; serviceAreas: Area[] };
const demoLocated = demo.serviceAreas.filter((area) => area.lat !== undefined);
const folder = mkdtempSync(join(tmpdir(), 'planner-map-'));
const bigFile = join(folder, 'big.json');
const big = generateProvince({ seed: 600, sites: 600, province: 'SC', regions: 8, phases: 3, budget: 'none', spacing: false });
writeFileSync(bigFile, datasetToJson(big));
const bigLocated = big.serviceAreas.filter((area) => area.lat !== undefined);

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let demoUrl = '';
let bigUrl = '';

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  const [demoId, bigId] = [await submitAndSolve(server, demoFile), await submitAndSolve(server, bigFile)];
  demoUrl = `${server.url}/plans/${demoId}`;
  bigUrl = `${server.url}/plans/${bigId}`;
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${server.url}/sign-in?as=reviewer`);
  await page.getByRole('heading', { name: '规划方案' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const map = () => page.locator('.map[data-markers]');

describe('web app, the plan map', () => {
  it('dims on the map the service areas the table\'s region filter leaves out, and says how many stand out', async () => {
    await page.goto(demoUrl);
    await map().locator('path.site-marker').first().waitFor();
    expect(await map().locator('path.site-marker.dimmed').count()).toBe(0);
    const shaoxing = demoLocated.filter((area) => area.region === 'SHAOXING').length;
    await page.getByLabel('地市', { exact: true }).selectOption('SHAOXING');
    expect(await settledCount(map().locator('path.site-marker.dimmed'), demoLocated.length - shaoxing)).toBe(demoLocated.length - shaoxing);
    expect(await map().locator('path.site-marker:not(.dimmed)').count()).toBe(shaoxing);
    expect(await map().getAttribute('data-matching')).toBe(String(shaoxing));
    expect(await page.locator('.map-filtered').textContent()).toContain(`${shaoxing} / ${demoLocated.length}`);
    // Every marker is still drawn: dimmed, not removed, so the rest of the province stays in view.
    expect(await map().locator('path.site-marker').count()).toBe(demoLocated.length);
  });

  it('follows the search and a link carrying the filters, and shows every marker again without them', async () => {
    const one = demoLocated[0]!;
    await page.goto(`${demoUrl}?q=${encodeURIComponent(one.name)}`);
    await map().locator('path.site-marker').first().waitFor();
    expect(await settledCount(map().locator('path.site-marker:not(.dimmed)'), 1)).toBe(1);
    expect(await page.locator('table.sites tbody tr').count()).toBe(1);
    await page.getByRole('searchbox').fill('');
    expect(await settledCount(map().locator('path.site-marker.dimmed'), 0)).toBe(0);
    expect(await page.locator('.map-filtered').count()).toBe(0);
  });

  it('paints a 600-site plan on a canvas, every marker drawn, none in the tab order, and filters it like the table', async () => {
    await page.goto(bigUrl);
    await page.locator(`.map[data-drawn="${bigLocated.length}"]`).waitFor();
    expect(await map().getAttribute('data-renderer')).toBe('canvas');
    expect(await map().locator('path.site-marker').count()).toBe(0);
    expect(await map().locator('canvas').count()).toBe(1);
    const region = big.regions[0]!;
    const inRegion = bigLocated.filter((area) => area.region === region.id).length;
    await page.getByLabel('地市', { exact: true }).selectOption(region.id);
    await page.locator(`.map[data-matching="${inRegion}"]`).waitFor();
    expect(await page.locator('.map-filtered').textContent()).toContain(`${inRegion} / ${bigLocated.length}`);
    // From the page's top to the table's first sort button, no tab stop is a marker (or anything in the map's panes).
    const stops: string[] = [];
    for (let presses = 0; presses < 150; presses++) {
      await page.keyboard.press('Tab');
      const [inPane, sortButton] = await page.locator(':focus').evaluate((active) => [active.closest('.leaflet-pane') !== null, active.matches('button.sort')]);
      if (inPane) stops.push(await page.locator(':focus').evaluate((active) => active.outerHTML.slice(0, 80)));
      if (sortButton) break;
    }
    expect(await page.locator('button.sort:focus').count()).toBe(1);
    expect(stops).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
