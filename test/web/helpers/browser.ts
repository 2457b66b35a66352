import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's chromium, headless, never a downloaded browser; no network but 127.0.0.1. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** axe-core's serious and critical violations on the page as it is now, as readable lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Presses Tab until the focused element matches `selector` (and `text`, when
 * given): proof that a keyboard user reaches it. Fails after `limit` presses.
 */
export async function tabTo(page: Page, selector: string, text?: RegExp, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const reached = await page
      .locator(':focus')
      .evaluate((active, { selector, source }) => active.matches(selector) && (source === null || new RegExp(source).test(active.textContent ?? '')), {
        selector,
        source: text?.source ?? null,
      })
      .catch(() => false);
    if (reached) return;
  }
  throw new Error(`Tab never reached ${selector}${text ? ` ${text}` : ''}`);
}

/** The locator's count once it equals `expected`, or what it is after `timeoutMs`: for expect(...).toBe(expected). */
export async function settledCount(locator: Locator, expected: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = await locator.count();
  while (count !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    count = await locator.count();
  }
  return count;
}

/** The locator's text once it contains `expected`, or what it is after `timeoutMs`. */
export async function settledText(locator: Locator, expected: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = (await locator.textContent()) ?? '';
  while (!text.includes(expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = (await locator.textContent()) ?? '';
  }
  return text;
}
