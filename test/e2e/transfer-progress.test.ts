import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import { startPhoneSession, type PhoneSession } from './harness.js';

const UPLOADS = '**/v1/materials/uploads**';

/**
 * 发送中 between 待发送 and 已送达: the form reached the gateway, its photos
 * are held back on the way (the browser holds every upload request), and 我的申请
 * says so with the photo count and percentage, and a line over the list.
 */
describe('photos on their way', () => {
  let session: PhoneSession;

  beforeAll(async () => {
    session = await startPhoneSession();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('should show 发送中 with its photos and percentage while the photos are held, and 已送达 once they arrived', async () => {
    const { app, page, context, gateway } = session;
    const account = await gateway.createAccount('applicant');
    await app.openOnFreshPhone();
    await app.signIn(account.login, account.password);

    const held: Route[] = [];
    let holding = true;
    await context.route(UPLOADS, (route) => (holding ? void held.push(route) : route.continue()));
    await app.goToGuides();
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.fillApplicantAndRequiredFields();
    await app.attachRequiredMaterials(makeSidewaysPhoneJpeg(640, 480));
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    await app.goToApplications();

    const item = app.applicationItems().first();
    const badge = app.syncStateOf(item);
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 60_000 }).toBe('sending');
    await expect.poll(() => held.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await badge.textContent()).toMatch(/^发送中 · 0\/\d+ 张 · 0%$/);
    expect(await page.getByTestId('transfer-overall').textContent()).toMatch(/^正在发送 1 份申请的 \d+ 张照片，已完成 0%$/);
    await app.screenshot(session.shot('transfer-1-sending.png'));

    holding = false;
    for (const route of held.splice(0)) await route.continue();
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 90_000 }).toBe('at-gateway');
    expect(await page.getByTestId('transfer-overall').count()).toBe(0);
    await app.screenshot(session.shot('transfer-2-at-gateway.png'));
  });
});
