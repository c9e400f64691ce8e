import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPhoneSession, type PhoneSession } from './harness.js';

/**
 * A page whose code did not arrive (the link dropped while it loaded) says so
 * and offers 重新打开, which opens it once the code can be fetched: a failed
 * module stays failed in the document, so waiting would never help.
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
    await failed.getByRole('button', { name: '重新打开' }).click();
    await expect.poll(() => page.getByTestId('chosen-area').count(), { timeout: 15_000 }).toBe(1);
    expect(await failed.count()).toBe(0);
  });
});
