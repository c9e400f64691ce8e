import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPhoneContext } from '../support/browser.js';
import { startPhoneSession, type PhoneSession } from './harness.js';

/**
 * A page whose code did not arrive (the link dropped while it loaded) says so
 * and offers 重新打开, which fetches it again in place; once the network comes
 * back it opens by itself. A page whose code neither arrives nor fails (the
 * offline hang of issue 12) is not left on 正在打开… for ever.
 */
describe('a page whose code failed to load', () => {
  let session: PhoneSession;

  beforeAll(async () => {
    session = await startPhoneSession();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('should say the page did not open and open it with 重新打开 once its code can be fetched', async () => {
    const { context, page, app } = session;
    const areasChunk = /\/assets\/areas-[\w-]+\.js$/;
    await context.route(areasChunk, (route) => route.abort('connectionreset'));
    // First visit, the link failing for that one file: no service worker can install either (its precache fails).
    await app.open();
    await app.pickArea(['浙江省', '丽水市', '遂昌县']);
    await app.guideItems().first().waitFor({ timeout: 30_000 });
    await page.evaluate(() => (location.hash = '#/areas'));

    const failed = page.getByTestId('page-load-failed');
    await expect.poll(() => failed.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await failed.textContent()).toContain('这个页面没有打开');
    await page.screenshot({ path: session.shot('page-load-failed.png') });

    await context.unroute(areasChunk);
    // 重新打开 fetches the page's code again in place: no reload, nothing else on the page lost.
    await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));
    await failed.getByRole('button', { name: '重新打开' }).click();
    await expect.poll(() => page.getByTestId('chosen-area').count(), { timeout: 15_000 }).toBe(1);
    expect(await failed.count()).toBe(0);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('should open the page by itself once the network comes back', async () => {
    // A phone whose service worker is not there (never installed, or cleared): the page's code comes from the network.
    const context = await newPhoneContext(session.browser, { serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const areasChunk = /\/assets\/areas-[\w-]+\.js$/;
      await context.route(areasChunk, (route) => route.abort('internetdisconnected'));
      await page.goto(session.gateway.url);
      await page.getByTestId('area-picker').waitFor({ timeout: 30_000 });
      await context.setOffline(true);
      await page.evaluate(() => (location.hash = '#/areas'));
      const failed = page.getByTestId('page-load-failed');
      await expect.poll(() => failed.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await failed.textContent()).toContain('连上网络后会自动再打开');

      await context.unroute(areasChunk);
      await context.setOffline(false);
      // Between the failure going and the page coming, it says 正在打开…: wait for the page itself.
      await expect.poll(() => page.getByRole('heading', { name: '我的地区' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await failed.count()).toBe(0);
      expect(page.url()).toMatch(/#\/areas$/);
      await page.screenshot({ path: session.shot('page-load-retried-online.png') });
    } finally {
      await context.close();
    }
  });
  it('should say a page is slow instead of opening it for ever when its code neither arrives nor fails, and show it once the code arrives', async () => {
    const context = await newPhoneContext(session.browser, { serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const areasChunk = /\/assets\/areas-[\w-]+\.js$/;
      // The request is held, never answered nor failed: the import hangs as it did offline after a reload.
      const held: Route[] = [];
      await context.route(areasChunk, (route) => void held.push(route));
      await page.goto(session.gateway.url);
      await page.getByTestId('area-picker').waitFor({ timeout: 30_000 });
      await page.evaluate(() => (location.hash = '#/areas'));
      const failed = page.getByTestId('page-load-failed');
      await expect.poll(() => failed.isVisible(), { timeout: 30_000 }).toBe(true);
      expect(await failed.textContent()).toContain('打开得太慢');
      expect(held.length).toBeGreaterThan(0);
      await page.screenshot({ path: session.shot('page-load-stalled.png') });

      // The code arrives after all: the page shows by itself, no tap needed.
      for (const route of held) await route.continue();
      await context.unroute(areasChunk);
      await expect.poll(() => page.getByRole('heading', { name: '我的地区' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await failed.count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
