import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * What the phones of a failed browser test showed: each open page's address,
 * visible text, a screenshot and its last console lines and errors. A test
 * that failed on CI's fresh machine can then be read without reproducing it.
 */
const LOG_LINES = 40;
const TEXT_CHARS = 1500;
const SHOTS = path.resolve('test-results/failed');

const open = new Map<BrowserContext, Map<Page, string[]>>();

/** Starts recording a context's pages: their console and uncaught errors, until the context closes. */
export function recordPhone(context: BrowserContext): void {
  const pages = new Map<Page, string[]>();
  open.set(context, pages);
  const watch = (page: Page) => {
    const lines: string[] = [];
    pages.set(page, lines);
    const keep = (line: string) => {
      lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
      if (lines.length > LOG_LINES) lines.shift();
    };
    page.on('console', (message) => keep(`console.${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => keep(`uncaught: ${error.stack ?? error.message}`));
    page.on('requestfailed', (request) => keep(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
    page.on('close', () => pages.delete(page));
  };
  context.on('page', watch);
  context.on('close', () => open.delete(context));
}

/** A report of every open phone page, each with a screenshot under test-results/failed. */
export async function describeOpenPhones(testName: string): Promise<string> {
  const parts: string[] = [];
  mkdirSync(SHOTS, { recursive: true });
  let n = 0;
  for (const pages of open.values()) {
    for (const [page, lines] of pages) {
      n += 1;
      const shot = path.join(SHOTS, `${testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${n}.png`);
      const text = await page
        .locator('body')
        .innerText({ timeout: 2_000 })
        .catch((error: Error) => `(no text: ${error.message.split('\n')[0]})`);
      const shotTaken = await page.screenshot({ path: shot, timeout: 5_000 }).then(
        () => shot,
        (error: Error) => `(no screenshot: ${error.message.split('\n')[0]})`,
      );
      parts.push(
        [
          `── page ${n}: ${page.url()}`,
          `screenshot: ${shotTaken}`,
          `visible text: ${text.replace(/\s+/g, ' ').slice(0, TEXT_CHARS)}`,
          `last console lines and errors:`,
          ...(lines.length ? lines : ['(none)']),
        ].join('\n'),
      );
    }
  }
  return parts.length ? `What the phone showed when "${testName}" failed:\n${parts.join('\n')}` : `"${testName}" failed with no phone page open.`;
}
