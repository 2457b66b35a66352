/**
 * `npm run screenshots`: the plans list, the plan page (its targets matrix and
 * its map with labels on their own), the diff view, the national overview and
 * the PDF report's first page of the demo province, as docs/screenshots/*.png,
 * taken in Debian's chromium against the real `npm start` on a fresh data
 * folder. The Chinese text needs a CJK font on the machine (Debian:
 * fonts-wqy-microhei or fonts-noto-cjk); the report's page is rendered with
 * pdftoppm (Debian: poppler-utils), skipped with a warning when it is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppServer } from './helpers/app-server.js';
import { launchBrowser } from './helpers/browser.js';
import { makeRevision } from './helpers/revision.js';
import { submitAndSolve, tokenFor } from './helpers/seed.js';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
mkdirSync(OUT, { recursive: true });
try {
  if (execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() === '') console.warn('No CJK font installed: Chinese text will show as boxes (apt-get install fonts-wqy-microhei).');
} catch {
  console.warn('fc-list not found: cannot check for a CJK font.');
}

const server = await startAppServer();

/** The report of the plan's version 1, its first page rendered to PNG at 80 dpi by pdftoppm. */
async function reportFirstPage(planId: string): Promise<void> {
  const answer = await fetch(`${server.url}/v1/plans/${planId}/report.pdf?version=1`, { headers: { authorization: `Bearer ${tokenFor(server, 'province-ZJ')}` } });
  if (answer.status !== 200) throw new Error(`report: ${answer.status} ${await answer.text()}`);
  const folder = mkdtempSync(join(tmpdir(), 'planner-report-'));
  try {
    const pdf = join(folder, 'report.pdf');
    writeFileSync(pdf, Buffer.from(await answer.arrayBuffer()));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, `${OUT}report-page-1`]);
  } catch (error) {
    console.warn(`The report's first page was not rendered (pdftoppm from poppler-utils needed): ${(error as Error).message}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in?as=province-ZJ`);
  await page.locator('table.data tbody a').first().waitFor();
  const planPath = new URL((await page.locator('table.data tbody a').first().getAttribute('href'))!, server.url).pathname;
  const planId = planPath.split('/').pop()!;

  // A second version to compare: a progress report and a re-plan as of a date.
  const version = await makeRevision(server, planId);

  await page.goto(`${server.url}/plans/${planId}/versions/1`);
  await page.locator('path.site-marker').first().waitFor();
  await page.locator('#chart-piles svg path').first().waitFor({ state: 'attached' });
  await page.screenshot({ path: `${OUT}plan-page.png`, fullPage: true });
  await page.locator('section[aria-labelledby="targets-title"]').screenshot({ path: `${OUT}targets.png` });
  await page.locator('.map .region-label > span').first().waitFor();
  await page.locator('section[aria-labelledby="map-title"]').screenshot({ path: `${OUT}map.png` });
  await reportFirstPage(planId);

  const reviewer = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await reviewer.goto(`${server.url}/sign-in?as=reviewer&next=/plans/${planId}/versions/${version}`);
  await reviewer.locator('#diff').waitFor();
  await reviewer.locator('path.site-marker.changed').first().waitFor();
  await reviewer.locator('#map-title').scrollIntoViewIfNeeded();
  await reviewer.screenshot({ path: `${OUT}diff-map.png` });
  await reviewer.locator('#diff').screenshot({ path: `${OUT}diff.png` });

  // The reviewer's list, with two more provinces and the demo's second version approved.
  await Promise.all(['medium.json', 'large.json'].map((name) => submitAndSolve(server, fileURLToPath(new URL(`../../data/${name}`, import.meta.url)))));
  await fetch(`${server.url}/v1/plans/${planId}/versions/${version}/review`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenFor(server, 'reviewer')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'approve', comment: '同意' }),
  });
  await reviewer.goto(`${server.url}/`);
  await reviewer.locator('table.data tbody tr').nth(2).waitFor();
  await reviewer.setViewportSize({ width: 1360, height: 420 });
  await reviewer.screenshot({ path: `${OUT}plans-list.png` });
  await reviewer.setViewportSize({ width: 1360, height: 900 });
  await reviewer.goto(`${server.url}/overview`);
  await reviewer.locator('table.overview-table tbody tr').nth(30).waitFor();
  await reviewer.screenshot({ path: `${OUT}overview.png` });
  console.log('Screenshots in docs/screenshots/: plans-list.png, plan-page.png, targets.png, map.png, report-page-1.png, diff.png, diff-map.png, overview.png');
} finally {
  await browser.close();
  await server.stop();
}
