import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';
import type { AppPage } from './pages/app-page.js';
import { readStoredDocs } from './support/phone-storage.js';

const GUIDE = '个体工商户设立登记';

/**
 * A person photographs the ID card before typing anything:
 * the draft is kept from that first photo, survives a reload, shows in
 * 我的申请 without a name, and is submitted once the name is typed.
 */
describe('a draft saved before the name is typed', () => {
  let gateway: TestGateway;
  let session: SignedInPhone;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };
  const front = makeSidewaysPhoneJpeg(640, 480);
  const back = makeSidewaysPhoneJpeg(800, 600);

  beforeAll(async () => {
    session = await startSignedInPhone('applicant');
    ({ gateway, context, page, app, account } = session);
    await app.toggleElderMode();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const storedApplications = () => readStoredDocs<ApplicationDoc>(page, account.userId, 'applications');
  async function gatewayApplications(): Promise<ApplicationDoc[]> {
    const db = gateway.couch.use<{ data: ApplicationDoc }>(gateway.userDbName(account.userId, 'applications'));
    const rows = (await db.list({ include_docs: true })).rows;
    return rows.filter((r) => !r.id.startsWith('_design/')).map((r) => r.doc!.data);
  }

  it('should keep photos attached before anything is typed through a reload, list the draft without a name, and submit it once named', async () => {
    await context.setOffline(true);
    await app.goToGuides();
    await app.openGuide(GUIDE);
    await app.startApplication();

    // The ID card first, both sides, before any field is touched.
    await app.attachPhoto('id-card', front, 'camera');
    await app.attachPhoto('id-card', back, 'camera');
    const pages = await app.materialPages('id-card').evaluateAll((els) => els.map((el) => el.getAttribute('data-sha256')));
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/applications\/app-[0-9a-f]+\/edit$/);
    await expect.poll(async () => (await storedApplications())[0]?.materials?.[0]?.pages.length, { timeout: 10_000 }).toBe(2);
    const [draft] = await storedApplications();
    expect(draft).toMatchObject({ lifecycle: 'draft', applicant: {} });

    // The phone kills the browser: the reload reopens the draft with both photos, the name still empty.
    await page.reload();
    await expect.poll(() => app.materialPages('id-card').count(), { timeout: 15_000 }).toBe(2);
    expect(await app.materialPages('id-card').evaluateAll((els) => els.map((el) => el.getAttribute('data-sha256')))).toEqual(pages);
    expect(await app.field('applicantName').inputValue()).toBe('');

    // 我的申请 tells the nameless draft by its photos.
    await app.goToApplications();
    const item = page.locator(`[data-testid="application-item"][data-id="${draft.id}"]`);
    await expect.poll(() => app.draftContents(item).innerText({ timeout: 1000 }), { timeout: 30_000 }).toMatch(/申请人：未填姓名\s+已拍 2 张照片/);
    expect(await app.syncStateOf(item).getAttribute('data-state')).toBe('draft');
    await expect
      .poll(
        () =>
          app
            .draftContents(item)
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        { timeout: 15_000 },
      )
      .toBe(true);
    await page.screenshot({ path: session.shot('nameless-draft-applications.png') });

    // Continued from the list: the name typed, the rest filled, submitted offline.
    await app.continueDraft(item);
    expect(page.url()).toMatch(new RegExp(`#/applications/${draft.id}/edit$`));
    await expect.poll(() => app.materialPages('id-card').count(), { timeout: 15_000 }).toBe(2);
    // The form opens at its top: it says the photos are further down, so nobody takes them again.
    expect(await page.getByTestId('draft-photos-note').textContent()).toContain('已经拍好的 2 张照片');
    await page.screenshot({ path: session.shot('nameless-draft-form.png') });
    await app.fillApplicantAndRequiredFields({ name: '王秀英', idNumber: '332527198805120029', phone: '13957800123' });
    await app.attachRequiredMaterials(front);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    const submitted = (await storedApplications()).find((a) => a.id === draft.id)!;
    expect(submitted).toMatchObject({ lifecycle: 'submitted', applicant: { name: '王秀英' } });
    expect(submitted.materials?.find((m) => m.key === 'id-card')?.pages.map((p) => p.sha256)).toEqual(pages);

    await context.setOffline(false);
    await expect.poll(async () => (await gatewayApplications()).find((a) => a.id === draft.id)?.lifecycle, { timeout: 60_000 }).toBe('submitted');
    expect((await gatewayApplications()).find((a) => a.id === draft.id)?.applicant.name).toBe('王秀英');
  });

  it('should keep a field typed before the name through a reload, and sync the nameless draft as a draft, not as a refused application', async () => {
    await context.setOffline(false);
    await app.goToGuides();
    await app.openGuide(GUIDE);
    await app.startApplication();
    // Any field first, here the phone number: the draft is made from it, the name still empty.
    await app.field('phone').fill('13957800123');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/applications\/app-[0-9a-f]+\/edit$/);
    const id = page.url().match(/applications\/(app-[0-9a-f]+)\/edit$/)![1];
    await page.reload();
    await expect.poll(() => app.field('phone').inputValue(), { timeout: 15_000 }).toBe('13957800123');
    expect(await app.field('applicantName').inputValue()).toBe('');
    await app.attachPhoto('id-card', back, 'file');

    await expect.poll(async () => (await gatewayApplications()).find((a) => a.id === id)?.lifecycle, { timeout: 60_000 }).toBe('draft');
    expect((await gatewayApplications()).find((a) => a.id === id)?.applicant).toEqual({ phone: '13957800123' });
    await app.goToApplications();
    const item = page.locator(`[data-testid="application-item"][data-id="${id}"]`);
    await expect.poll(() => app.draftContents(item).innerText({ timeout: 1000 }), { timeout: 30_000 }).toMatch(/申请人：未填姓名\s+已拍 1 张照片/);
    expect(await app.syncStateOf(item).getAttribute('data-state')).toBe('draft');
    expect(await item.getByRole('alert').count()).toBe(0);
    // Beside the application submitted above: the draft asks for its name, the submitted one names its applicant.
    await context.setOffline(true);
    await expect.poll(() => app.applicationItems().count(), { timeout: 15_000 }).toBe(2);
    await page.screenshot({ path: session.shot('nameless-draft-beside-submitted.png') });
  });
});
