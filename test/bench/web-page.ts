/**
 * `npm run bench:web`: how long the plan page of a 1,200-site plan
 * (data/large.json) takes to become usable in Debian's chromium, against the
 * real `npm start`. Usable: the summary, one map marker per service area drawn, the
 * three charts drawn and the first page of the table filled. Cold = a new
 * browser context (empty cache); warm = the same page reloaded. Prints the
 * median and the range of each over five runs.
 *
 *   npm run bench:web
 *   npm run bench:web -- --file other.json      # another data set (e.g. 5,000 sites from npm run gen)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startAppServer } from '../web/helpers/app-server.js';
import { launchBrowser } from '../web/helpers/browser.js';
import { submitAndSolve } from '../web/helpers/seed.js';

const RUNS = 5;
const fileFlag = process.argv.indexOf('--file');
const file = fileFlag >= 0 && process.argv[fileFlag + 1] !== undefined ? process.argv[fileFlag + 1]! : fileURLToPath(new URL('../../data/large.json', import.meta.url));

async function usable(page: Page, markers: number): Promise<void> {
  await page.locator('#summary-title').waitFor();
  // Runs in the browser (as a function: the app's Content-Security-Policy forbids evaluating strings).
  await page.waitForFunction(
    (expected) => {
      // No named inner functions: the TypeScript loader would wrap them in a helper the page lacks.
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      // The map says how many markers it drew (a large plan's are painted on a canvas, with no element each).
      return (
        doc.querySelectorAll(`.map[data-drawn="${expected}"]`).length === 1 &&
        ['chart-coverage', 'chart-spending', 'chart-piles'].every((id) => doc.querySelectorAll(`#${id} svg path`).length > 0) &&
        doc.querySelectorAll('table.sites tbody tr').length > 0
      );
    },
    markers,
    { timeout: 60_000, polling: 'raf' },
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const describe = (values: number[]) => `median ${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)} ms)`;

const server = await startAppServer();
const browser = await launchBrowser();
try {
  const planId = await submitAndSolve(server, file);
  const { serviceAreas } = JSON.parse(readFileSync(file, 'utf8')) as { serviceAreas: { lat?: number }[] };
  const markers = serviceAreas.filter((area) => area.lat !== undefined).length;
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/sign-in?as=reviewer&next=/`);
    await page.locator('table.data tbody tr').first().waitFor();
    let started = performance.now();
    await page.goto(`${server.url}/plans/${planId}`);
    await usable(page, markers);
    cold.push(performance.now() - started);
    started = performance.now();
    await page.reload();
    await usable(page, markers);
    warm.push(performance.now() - started);
    await context.close();
  }
  console.log(`Plan page of ${file.split('/').pop()} (${serviceAreas.length} service areas, ${markers} markers), usable after:`);
  console.log(`  first load (empty cache): ${describe(cold)}`);
  console.log(`  reload (cached app):      ${describe(warm)}`);
} finally {
  await browser.close();
  await server.stop();
}
