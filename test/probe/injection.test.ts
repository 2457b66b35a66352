import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';
import { pdfPages, squeezed } from '../formats/pdf-text.js';
import { launchBrowser } from '../web/helpers/browser.js';

/*
 * Injection into every output, as the probe tried it: names that are markup
 * or spreadsheet formulas, submitted as a plan's service areas, regions and
 * corridor, then read back in every download, the PDF report and the web
 * app's page in Chromium. Each output carries the name as text: no cell is a
 * formula, no script runs.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

const SCRIPT = '<script>window.__pwned=1</script>';
const IMAGE = '<img src=x onerror="window.__pwned=2">';
const FORMULAS = ['=cmd|\' /C calc\'!A0', '+SUM(1,1)', '@SUM(1)', '\uFF1D1+1'];
/** One per service area of the tiny data set (six). */
const NAMES = [SCRIPT, IMAGE, ...FORMULAS];

/** The tiny data set with hostile names on its service areas, a region and its corridor. */
function hostile() {
  const dataset = tinyDataset({ name: `${SCRIPT} plan` });
  return {
    ...dataset,
    serviceAreas: dataset.serviceAreas.map((area, index) => ({ ...area, name: NAMES[index % NAMES.length]! })),
    regions: dataset.regions.map((region, index) => (index === 0 ? { ...region, name: ' =1+1' } : { ...region, name: '-2+3' })),
    corridors: dataset.corridors.map((corridor) => ({ ...corridor, name: '=HYPERLINK("http://evil.example","x")' })),
  };
}

let planId = '';
let browser: Browser | undefined;
const download = (path: string) => suite.api('GET', `/v1/plans/${planId}${path}`, { as: 'GD' });

beforeAll(async () => {
  const created = await suite.api('POST', '/v1/plans', { as: 'GD', body: hostile(), headers: { 'idempotency-key': 'hostile-names' } });
  expect(created.status, created.text).toBe(202);
  planId = created.json.planId as string;
  await suite.local.queue.idle();
  const again = await suite.api('POST', `/v1/plans/${planId}/regenerate`, { as: 'GD', body: { asOf: '2024-01-15' }, headers: { 'idempotency-key': 'hostile-replan' } });
  expect(again.status).toBeLessThan(300);
  await suite.local.queue.idle();
});

afterAll(async () => {
  await browser?.close();
});

/** Whether a spreadsheet program would take a cell's text for a formula. */
const formulaLike = (text: string) => /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(text);

describe('hostile names in every output', () => {
  it('CSV downloads (sites and diff) quote every formula-like cell as text', async () => {
    for (const path of ['/sites?format=csv', '/diff?from=1&to=2&format=csv']) {
      const csv = await download(path);
      expect(csv.status, path).toBe(200);
      const cells = csv.text.replace(/^\ufeff/, '').split(/\r?\n/).flatMap((line) => line.split(',')).map((cell) => cell.replace(/^"|"$/g, ''));
      const risky = cells.filter((cell) => formulaLike(cell) && !/^-?\d/.test(cell.trim()));
      expect(risky, path).toEqual([]);
    }
    const sites = await download('/sites?format=csv');
    expect(sites.text).toContain(`'${FORMULAS[0]!.replace(/"/g, '""')}`);
  });

  it('GeoJSON and JSON carry the names as data, byte for byte, under nosniff', async () => {
    for (const format of ['geojson', 'json']) {
      const answer = await download(`/sites?format=${format}`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-type')).not.toMatch(/html/);
      const text = JSON.stringify(answer.json);
      for (const name of NAMES) expect(text, `${format} ${name}`).toContain(JSON.stringify(name).slice(1, -1));
    }
  });

  it('the workbook holds every name as a text cell, never a formula', async () => {
    const answer = await download('/sites?format=xlsx');
    expect(answer.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(answer.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    for (const name of [SCRIPT, IMAGE, FORMULAS[0]!]) expect(texts.some((text) => text.includes(name)), name).toBe(true);
  });

  it('the PDF report prints the names as text', async () => {
    const answer = await download('/report.pdf');
    expect(answer.status, answer.text.slice(0, 200)).toBe(200);
    expect(answer.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPages(answer.bytes)).join('');
    expect(text).toContain(squeezed(`${SCRIPT} plan`));
  });

  it('the web app shows the names as text in Chromium and runs none of them', async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${suite.local.url}/sign-in?as=province-GD&next=${encodeURIComponent(`/plans/${planId}`)}`);
    await page.getByText(`${SCRIPT} plan`).first().waitFor({ timeout: 30_000 });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain(SCRIPT);
    expect(await page.evaluate('typeof globalThis.__pwned')).toBe('undefined');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
