import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInjection } from '../browser/support/build-injection.js';
import type { fileWithoutPhotos } from '../browser/inject/file-with-photo.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';

declare global {
  interface Window {
    TongbanKeepOpen: { fileWithoutPhotos: typeof fileWithoutPhotos };
  }
}

/**
 * On a browser without Background Sync (Safari, Firefox), nothing is sent
 * once 通办 is closed: 我的申请 and the receipt say so while an application
 * waits, in words for offline and for online, and stop once it reached the
 * gateway.
 */
describe('a phone whose browser cannot send in the background', () => {
  let session: SignedInPhone;
  let injection: string;

  beforeAll(async () => {
    injection = await buildInjection('../inject/file-with-photo.ts', 'TongbanKeepOpen');
    session = await startSignedInPhone('applicant');
    // This Chromium plays a browser without Background Sync.
    await session.context.addInitScript(() => {
      delete (ServiceWorkerRegistration.prototype as { sync?: unknown }).sync;
    });
    await session.page.reload();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('should ask to open the app once online, then to keep it open, and say nothing once the application arrived', async () => {
    const { context, page, app, account } = session;
    await context.setOffline(true);
    await page.addScriptTag({ content: injection });
    const filed = await page.evaluate((userId) => window.TongbanKeepOpen.fileWithoutPhotos(userId), account.userId);
    await app.goToApplications();
    const notice = page.getByTestId('keep-open-notice');
    await expect.poll(() => notice.textContent({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain('有网以后，请打开通办，这份申请才会发出去');
    await page.screenshot({ path: session.shot('keep-open-notice-offline.png') });
    // The receipt, the page right after submitting, says it too.
    await page.evaluate((id) => (location.hash = `#/applications/${id}/receipt`), filed.applicationId);
    await app.receipt().waitFor({ timeout: 15_000 });
    await expect.poll(() => notice.textContent({ timeout: 1_000 }).catch(() => ''), { timeout: 15_000 }).toContain('有网以后，请打开通办，这份申请才会发出去');
    await page.screenshot({ path: session.shot('keep-open-notice-receipt.png') });
    await app.goToApplications();

    await context.setOffline(false);
    const item = page.locator(`[data-testid="application-item"][data-id="${filed.applicationId}"]`);
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('at-gateway');
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
  });
});
