import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail, PlanDiff } from '../../functions/presenters/shapes.js';
import { startAppServer, type AppServer } from './helpers/app-server.js';
import { launchBrowser, seriousA11yViolations, settledCount } from './helpers/browser.js';
import { submitAndSolve, tokenFor, waitForSolve } from './helpers/seed.js';

/*
 * Unmet in red where versions are compared, in Chromium against the real
 * `npm start`: the demo, then a re-plan as of a date after its last phase
 * (every phase closed, nothing reported built), whose targets are missed.
 */
const demoFile = new URL('../../data/demo.json', import.meta.url).pathname;

let server: AppServer;
let browser: Browser;
let page: Page;
let planId = '';
let authorization = '';
const requested: string[] = [];
const read = async <T,>(path: string): Promise<T> => (await (await fetch(`${server.url}${path}`, { headers: { authorization } })).json()) as T;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchBrowser()]);
  planId = await submitAndSolve(server, demoFile);
  authorization = `Bearer ${tokenFor(server, 'province-ZJ')}`;
  const replan = await fetch(`${server.url}/v1/plans/${planId}/regenerate`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json', 'idempotency-key': `late-${planId}` },
    body: JSON.stringify({ asOf: '2026-06-30' }),
  });
  const { version } = (await replan.json()) as { version: number };
  expect(version).toBe(2);
  await waitForSolve(server, planId, authorization, version);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(`${server.url}/sign-in?as=reviewer&next=${encodeURIComponent(`/plans/${planId}`)}`);
  await page.locator('#versions-title').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('web app, unmet targets in the versions and the diff', () => {
  it('lists per version the phases whose targets are not all met, in red, and "all met" for a version meeting them', async () => {
    const [first, second] = [await read<PlanDetail>(`/v1/plans/${planId}?version=1`), await read<PlanDetail>(`/v1/plans/${planId}?version=2`)];
    const unmetOf = (plan: PlanDetail) => (plan.summary?.targets?.phases ?? []).filter((phase) => phase.hasTargets && phase.targetsMet < phase.targetsTotal);
    expect(unmetOf(first)).toEqual([]);
    const missed = unmetOf(second);
    expect(missed.length).toBeGreaterThan(0);
    const rows = page.locator('#versions-title ~ .table-wrap tbody tr');
    const v2 = rows.filter({ hasText: 'v2' });
    expect(await settledCount(v2.locator('li.unmet'), missed.length)).toBe(missed.length);
    expect(await v2.locator('li.unmet').allTextContents()).toEqual(missed.map((phase) => `${phase.phase} 未达标（${phase.targetsMet}/${phase.targetsTotal}）`));
    expect(await v2.locator('li.unmet').first().evaluate((item) => (globalThis as unknown as { getComputedStyle(element: unknown): { color: string } }).getComputedStyle(item).color)).toBe('rgb(183, 28, 28)');
    expect(await rows.filter({ hasText: 'v1' }).locator('.met').textContent()).toBe('全部达标');
    expect(await rows.filter({ hasText: 'v1' }).locator('.unmet').count()).toBe(0);
    // The versions list carries the counts: the page reads no older version's plan for them.
    expect(requested.filter((url) => url.includes(`/v1/plans/${planId}?version=1`))).toEqual([]);
  });

  it('marks the coverage changes of the diff that leave a target unmet, and only those', async () => {
    const diff = await read<PlanDiff>(`/v1/plans/${planId}/diff?from=1&to=2`);
    const shown = diff.coverage.filter((row) => row.from?.rate !== row.to?.rate);
    const short = shown.filter((row) => row.to !== null && row.to.required !== null && row.to.covered < row.to.required);
    expect(short.length).toBeGreaterThan(0);
    await page.locator('#diff').waitFor();
    const table = page.locator('#diff table', { hasText: '覆盖率' }).last();
    expect(await settledCount(table.locator('tbody tr'), shown.length)).toBe(shown.length);
    const red = table.locator('tbody tr.unmet');
    expect(await red.count()).toBe(short.length);
    expect(await red.evaluateAll((cells) => cells.map((row) => `${row.getAttribute('data-phase')} ${row.getAttribute('data-region')}`))).toEqual(short.map((row) => `${row.phase} ${row.region}`));
    for (const text of await red.allTextContents()) expect(text).toContain('未达标');
    expect(await table.locator('tbody tr:not(.unmet)').filter({ hasText: '未达标' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
