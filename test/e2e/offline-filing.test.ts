import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startPhoneSession, type PhoneSession } from './harness.js';
import type { AppPage } from './pages/app-page.js';

/** A small photographed document for the guide's required materials. */
const DOCUMENT_PHOTO = makeSidewaysPhoneJpeg(640, 480);

/**
 * One offline filing, end to end: the built app served by a real gateway on
 * its embedded CouchDB-compatible store, in Debian's headless Chromium.
 */
describe('filing an application with no connection', () => {
  let gateway: TestGateway;
  let session: PhoneSession;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };

  beforeAll(async () => {
    session = await startPhoneSession();
    ({ gateway, context, page, app } = session);
    account = await gateway.createAccount('applicant');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('should keep an application made offline through a reload and deliver it when back online', async () => {
    await app.openOnFreshPhone();
    await app.signIn(account.login, account.password);
    await app.goToGuides();
    await app.screenshot(session.shot('1-guides-online.png'));

    await context.setOffline(true);
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.fillApplicantAndRequiredFields();
    await app.attachRequiredMaterials(DOCUMENT_PHOTO);
    await app.screenshot(session.shot('2-form-offline.png'));
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    const trackingCode = (await app.trackingCode().textContent())?.trim();
    expect(trackingCode).toMatch(/^TB(-[0-9A-Z]{4}){4}$/);
    expect(await app.receipt().textContent()).toContain('没有网络也已保存在手机上，有网后自动发送');
    expect(await page.getByTestId('keep-open-notice').count()).toBe(0);
    await app.screenshot(session.shot('2b-receipt-offline.png'));
    await app.goToApplications();

    const item = app.applicationItems().filter({ hasText: '个体工商户' }).first();
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 15_000 }).toBe('pending');
    // Chromium sends in the background (Background Sync): no need to keep the app open.
    expect(await page.getByTestId('keep-open-notice').count()).toBe(0);

    await page.reload();
    await app.goToApplications();
    const afterReload = app.applicationItems().filter({ hasText: '个体工商户' }).first();
    await expect.poll(() => afterReload.count(), { timeout: 15_000 }).toBe(1);
    expect(await app.syncStateOf(afterReload).getAttribute('data-state')).toBe('pending');
    await app.screenshot(session.shot('3-reloaded-offline.png'));

    await context.setOffline(false);
    await expect.poll(() => app.syncStateOf(afterReload).getAttribute('data-state'), { timeout: 60_000 }).toBe('at-gateway');
    await app.screenshot(session.shot('4-at-gateway.png'));

    const db = gateway.couch.use<{ data: { applicant: { name: string }; guideName: string; lifecycle: string; trackingCode?: string } }>(
      gateway.userDbName(account.userId, 'applications'),
    );
    const stored = await db.list({ include_docs: true });
    const docs = stored.rows.map((row) => row.doc!).filter((doc) => !doc._id.startsWith('_design/'));
    expect(docs).toHaveLength(1);
    expect(docs[0].data.applicant.name).toBe('王秀英');
    expect(docs[0].data.lifecycle).toBe('submitted');
    expect(docs[0].data.guideName).toContain('个体工商户');
    expect(docs[0].data.trackingCode).toBe(trackingCode);
  });

  it('should refuse an ID number with a wrong check digit beside the field and not submit', async () => {
    await app.goToGuides();
    await context.setOffline(true);
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.field('applicantName').fill('李建国');
    await app.field('idNumber').fill('332527198805120026');
    await app.field('phone').fill('13957800123');
    await app.fillRemainingRequiredFields();
    await app.attachRequiredMaterials(DOCUMENT_PHOTO);
    await expect.poll(() => app.fieldError('idNumber').textContent(), { timeout: 5_000 }).toBe('身份证号码有误（校验位不对），请逐位核对');
    await app.submitApplication();
    expect(await app.fieldError('idNumber').textContent()).toBe('身份证号码有误（校验位不对），请逐位核对');
    expect(await app.page.getByTestId('submit-application').textContent()).toContain('还有1项需要补充');
    expect(await app.receipt().count()).toBe(0);
    await app.screenshot(session.shot('5-invalid-id.png'));
    await context.setOffline(false);

    await app.goToApplications();
    const draft = app.applicationItems().filter({ hasText: '李建国' });
    await expect.poll(() => app.syncStateOf(draft).getAttribute('data-state'), { timeout: 15_000 }).toBe('draft');

    // The autosaved draft reopens with what was typed; once corrected it submits.
    await draft.getByTestId('continue-draft').click();
    await expect.poll(() => app.field('idNumber').inputValue(), { timeout: 15_000 }).toBe('332527198805120026');
    expect(await app.field('applicantName').inputValue()).toBe('李建国');
    await app.field('idNumber').fill('332527198805120029');
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    expect(await app.receipt().textContent()).toContain('李建国');
    await app.goToApplications();
    await expect.poll(() => app.applicationItems().filter({ hasText: '李建国' }).count(), { timeout: 15_000 }).toBe(1);
  });
});
