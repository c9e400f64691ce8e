import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import type { LockerItemDoc } from '../../pwa/src/db/locker-schema.js';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { newPhoneContext } from '../support/browser.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';
import { AppPage } from './pages/app-page.js';
import { readStoredDocs } from './support/phone-storage.js';

const GUIDE = '个体工商户设立登记';
/** Where the screenshots of this suite are also kept for people to look at. */
const SHOTS_DIR = process.env.LOCKER_SHOTS_DIR;

/**
 * 我的材料柜 end to end, offline, in 长辈模式 on a 390 px phone: a person
 * files for their family on their own phone (an agent's per-household locker
 * has its own test, village-agent.test.ts) and starts a draft for another; the locker lists
 * every photo with the applications using it, shows it larger, refuses to
 * delete what an unsent application needs, and deletes a photo taken off a
 * draft, giving its room back.
 */
describe('material locker screen', () => {
  let gateway: TestGateway;
  let session: SignedInPhone;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };
  const idCardPhoto = makeSidewaysPhoneJpeg(1200, 900);
  const retakenPhoto = makeSidewaysPhoneJpeg(2000, 1500);
  const documentPhoto = makeSidewaysPhoneJpeg(640, 480);
  const secondHouseholdPhoto = makeSidewaysPhoneJpeg(800, 600);
  let idCardSha = '';
  let retakenSha = '';
  let secondSha = '';
  // Two households named 张伟, told apart by their ID numbers.
  const zhangWeiOnePhoto = makeSidewaysPhoneJpeg(1000, 750);
  const zhangWeiTwoPhoto = makeSidewaysPhoneJpeg(900, 700);
  const zhangWeiDocuments = makeSidewaysPhoneJpeg(700, 500);
  let zhangWeiOneSha = '';
  let zhangWeiTwoSha = '';

  beforeAll(async () => {
    session = await startSignedInPhone('applicant');
    ({ gateway, context, page, app, account } = session);
    await app.toggleElderMode();
    await context.setOffline(true);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const lockerItems = () => readStoredDocs<LockerItemDoc>(page, account.userId, 'materials');
  async function shot(name: string): Promise<void> {
    const file = session.shot(name);
    await page.screenshot({ path: file });
    if (SHOTS_DIR) {
      mkdirSync(SHOTS_DIR, { recursive: true });
      copyFileSync(file, path.join(SHOTS_DIR, name));
    }
  }
  async function startFilling(name: string, idNumber = '332527198805120029'): Promise<void> {
    await app.goToGuides();
    await app.openGuide(GUIDE);
    await app.startApplication();
    await app.field('applicantName').fill(name);
    await app.field('idNumber').fill(idNumber);
    await app.field('phone').fill('13957800123');
    await app.fillRemainingRequiredFields();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/applications\/app-[0-9a-f]+\/edit$/);
  }

  it('should say in plain words that the locker is empty, offline', async () => {
    expect(await app.isElderMode()).toBe(true);
    await app.goToApplications();
    await page.getByTestId('locker-link').waitFor();
    await shot('applications-with-locker-link.png');
    await app.openMaterialLocker();
    await app.emptyLocker().waitFor();
    expect(await app.emptyLocker().textContent()).toContain('材料柜是空的');
    expect(await app.lockerEntries().count()).toBe(0);
    // A reload offline opens the screen from the service worker's precache.
    expect(page.url()).toMatch(/#\/locker$/);
    await page.reload();
    await app.emptyLocker().waitFor({ timeout: 15_000 });
    await shot('locker-empty.png');
  });

  it('should list each photo with the applications that use it, newest first, and show it larger', async () => {
    // 王秀英: the id card, a second shot of it taken off again, the other documents; submitted offline.
    await startFilling('王秀英');
    await app.attachPhoto('id-card', idCardPhoto, 'camera');
    idCardSha = (await app.materialPages('id-card').first().getAttribute('data-sha256'))!;
    await app.attachPhoto('id-card', retakenPhoto, 'file');
    retakenSha = (await app.materialPages('id-card').nth(1).getAttribute('data-sha256'))!;
    await app.materialPages('id-card').nth(1).getByTestId('material-remove-page').click();
    await expect.poll(() => app.materialPages('id-card').count()).toBe(1);
    await app.attachRequiredMaterials(documentPhoto);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });

    // 李建国: a draft with his own id card, left for later.
    await startFilling('李建国');
    await app.attachPhoto('id-card', secondHouseholdPhoto, 'camera');
    secondSha = (await app.materialPages('id-card').first().getAttribute('data-sha256'))!;

    await app.openMaterialLocker();
    const stored = await lockerItems();
    expect(stored).toHaveLength(4);
    await expect.poll(() => app.lockerEntries().count(), { timeout: 15_000 }).toBe(4);
    const shown = await app.lockerEntries().evaluateAll((els) => els.map((el) => el.getAttribute('data-sha256')));
    expect(shown).toEqual([...stored].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((i) => i.sha256));
    expect(shown[0]).toBe(secondSha);

    // The id card: what it is, when, how big, and 王秀英's application, not yet sent.
    const idCard = app.lockerEntry(idCardSha);
    expect(await idCard.getByTestId('locker-name').textContent()).toBe('居民身份证');
    expect(await idCard.getByTestId('locker-size').textContent()).toMatch(/^约 \d+(\.\d)?\sKB$/);
    expect(await app.lockerUses(idCardSha).count()).toBe(1);
    expect(await app.lockerUses(idCardSha).textContent()).toMatch(/王秀英.*个体工商户设立登记.*还没发送/);
    // The second household's draft uses its own photo (after the form was left, its draft is saved).
    await expect.poll(() => app.lockerUses(secondSha).textContent(), { timeout: 15_000 }).toMatch(/李建国.*个体工商户设立登记.*草稿/);
    expect(await app.lockerEntry(retakenSha).getByTestId('locker-use').count()).toBe(0);
    await shot('locker-items.png');
    await app.screenshotAt(idCard, session.shot('locker-items-id-card.png'));
    if (SHOTS_DIR) copyFileSync(session.shot('locker-items-id-card.png'), path.join(SHOTS_DIR, 'locker-items-id-card.png'));

    // Tap the thumbnail: the photo itself, larger.
    await app.viewLockerPhoto(idCardSha);
    const size = await page
      .getByTestId('locker-viewer')
      .locator('img')
      .evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, shown: img.getBoundingClientRect().width }));
    expect(size.w).toBeGreaterThan(800); // the photo, not its thumbnail
    expect(size.shown).toBeGreaterThan(300);
    await shot('locker-photo-large.png');
    await app.closeLockerPhoto();

    // Many households: one applicant's items at a time.
    await app.filterLocker('李建国');
    await expect.poll(() => app.lockerEntries().count()).toBe(1);
    await app.filterLocker('没用到的');
    await expect.poll(() => app.lockerEntries().count()).toBe(1);
    expect(await app.lockerEntries().first().getAttribute('data-sha256')).toBe(retakenSha);
    await app.filterLocker('全部');
    await expect.poll(() => app.lockerEntries().count()).toBe(4);

    // The link goes to the application.
    await app.lockerUses(idCardSha).click();
    await expect.poll(() => page.url()).toMatch(/#\/applications\/app-[0-9a-f]+$/);
    await app.openMaterialLocker();
  });

  it('should refuse to delete a photo an unsent application or a draft needs, and say why', async () => {
    const idCard = app.lockerEntry(idCardSha);
    expect(await idCard.getByTestId('locker-delete').count()).toBe(0);
    expect(await idCard.getByTestId('locker-blocked').textContent()).toContain('王秀英的申请还没发送，不能删除');
    const draft = app.lockerEntry(secondSha);
    expect(await draft.getByTestId('locker-delete').count()).toBe(0);
    expect(await draft.getByTestId('locker-blocked').textContent()).toContain('李建国的申请还没提交，不能删除');
    expect((await lockerItems()).map((i) => i.sha256)).toContain(idCardSha);
  });

  it('should delete a photo no application uses after a plain question, and give its room back', async () => {
    const totalsBefore = (await app.lockerTotals().textContent())!;
    expect(totalsBefore).toMatch(/^材料柜里有 4 张/);
    const usageBefore = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const storageLineBefore = (await app.storageSummary().textContent())!;
    expect(storageLineBefore).toMatch(/^手机存储：已用 [\d.]+\s[KM]B/);
    const retakenBytes = (await lockerItems()).find((i) => i.sha256 === retakenSha)!.bytes;
    expect(retakenBytes).toBeGreaterThan(100 * 1024);

    // 不删了 keeps it.
    await app.askToDeleteLockerItem(retakenSha);
    expect(await page.getByTestId('locker-delete-dialog').textContent()).toContain('删除后无法恢复');
    await shot('locker-delete-question.png');
    await page.getByTestId('locker-delete-cancel').click();
    await page.getByTestId('locker-delete-dialog').waitFor({ state: 'detached' });
    expect(await app.lockerEntry(retakenSha).count()).toBe(1);

    await app.askToDeleteLockerItem(retakenSha);
    await app.confirmLockerDeletion(retakenSha);
    expect((await lockerItems()).map((i) => i.sha256)).not.toContain(retakenSha);
    expect(await app.lockerEntries().count()).toBe(3);
    await expect.poll(() => app.lockerTotals().textContent()).toMatch(/^材料柜里有 3 张/);
    // The phone's own figure: the browser gives the photo's room back.
    await expect.poll(() => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0), { timeout: 30_000 }).toBeLessThan(usageBefore);
    // …and the screen says so: the storage line is read again after a deletion.
    const usedMb = (line: string | null) => {
      const [, n, unit] = /已用 ([\d.]+)\s([KM]B)/.exec(line ?? '')!;
      return Number(n) / (unit === 'KB' ? 1024 : 1);
    };
    await expect.poll(async () => usedMb(await app.storageSummary().textContent()), { timeout: 15_000 }).toBeLessThan(usedMb(storageLineBefore));
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('locker-after-delete.png');
  });

  it('should let a photo go once its application has reached the gateway, saying the application keeps it', async () => {
    await context.setOffline(false);
    // The upload confirms the photo is safe at the gateway: the refusal turns into 删除.
    const idCard = app.lockerEntry(idCardSha);
    await idCard.getByTestId('locker-delete').waitFor({ timeout: 120_000 });
    expect(await app.lockerUses(idCardSha).textContent()).toMatch(/王秀英.*已发送/);
    expect(await idCard.getByTestId('locker-blocked').count()).toBe(0);
    // 李建国's draft still needs his photo, online or not.
    expect(await app.lockerEntry(secondSha).getByTestId('locker-blocked').textContent()).toContain('李建国的申请还没提交');
    await context.setOffline(true);

    await app.askToDeleteLockerItem(idCardSha);
    const question = (await page.getByTestId('locker-delete-dialog').textContent())!;
    expect(question).toContain('删除后无法恢复');
    expect(question).toContain('王秀英的申请已经发送，不受影响');
    await shot('locker-delete-sent-question.png');
    await app.confirmLockerDeletion(idCardSha);
    expect((await lockerItems()).map((i) => i.sha256)).not.toContain(idCardSha);
  });

  it('should tell two households of the same name apart by the last four digits of their ID numbers', async () => {
    await startFilling('张伟', '332527198805120029');
    await app.attachPhoto('id-card', zhangWeiOnePhoto, 'camera');
    zhangWeiOneSha = (await app.materialPages('id-card').first().getAttribute('data-sha256'))!;
    await app.attachRequiredMaterials(zhangWeiDocuments);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    await startFilling('张伟', '330522199001011231');
    await app.attachPhoto('id-card', zhangWeiTwoPhoto, 'camera');
    zhangWeiTwoSha = (await app.materialPages('id-card').first().getAttribute('data-sha256'))!;
    await app.attachRequiredMaterials(zhangWeiDocuments);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });

    await app.openMaterialLocker();
    await expect.poll(() => app.lockerFilterLabels(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['张伟（尾号0029）', '张伟（尾号1231）']));
    expect(await app.lockerUses(zhangWeiOneSha).textContent()).toMatch(/张伟（尾号0029）.*还没发送/);
    // Never a whole ID number on the screen.
    expect(await page.locator('body').textContent()).not.toMatch(/332527198805120029|330522199001011231/);
    await app.filterLocker('张伟（尾号1231）');
    await expect.poll(async () => (await app.lockerEntries().evaluateAll((els) => els.map((el) => el.getAttribute('data-sha256')))).includes(zhangWeiOneSha)).toBe(false);
    expect(await app.lockerEntry(zhangWeiTwoSha).count()).toBe(1);
    // The filters just below the sticky header, with 按申请人看 in view.
    await page.getByTestId('locker-filters').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 160));
    await page.screenshot({ path: session.shot('locker-same-name-filters.png') });
    if (SHOTS_DIR) copyFileSync(session.shot('locker-same-name-filters.png'), path.join(SHOTS_DIR, 'locker-same-name-filters.png'));
    await app.filterLocker('全部');
  });

  it('should clean up every photo the county holds in one go, keeping one a draft took up meanwhile', async () => {
    // Online, the photos reach the gateway; the clean-up then works offline.
    await context.setOffline(false);
    const delivered = async () => (await lockerItems()).filter((i) => i.uploadedAt).map((i) => i.sha256);
    await expect.poll(async () => (await delivered()).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(4);
    await context.setOffline(true);
    const sent = await delivered();
    expect(sent).toEqual(expect.arrayContaining([zhangWeiOneSha, zhangWeiTwoSha]));
    expect(sent).not.toContain(secondSha);

    const offer = app.lockerCleanUp().getByTestId('locker-clean-up-offer');
    await expect.poll(() => offer.textContent(), { timeout: 15_000 }).toContain(`有 ${sent.length} 张照片县里已经收到了`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('locker-clean-up-offer.png');
    await app.askToCleanUpLocker();
    const question = (await page.getByTestId('locker-clean-up-question').textContent())!;
    expect(question).toMatch(new RegExp(`^删除 ${sent.length} 张已送达的照片，可腾出约 [\\d.]+\\s[KM]B。删除后无法恢复，申请不受影响。$`));
    await shot('locker-clean-up-question.png');

    // Meanwhile, in a second tab, the person starts using 张伟 ·0029's id card in 李建国's draft.
    const liDraft = (await readStoredDocs<ApplicationDoc>(page, account.userId, 'applications')).find((a) => a.applicant.name === '李建国')!;
    const other = await context.newPage();
    const otherApp = new AppPage(other, gateway.url);
    await otherApp.open();
    await other.evaluate((hash) => (location.hash = hash), `#/applications/${liDraft.id}/edit`);
    await otherApp.field('applicantName').waitFor({ timeout: 30_000 });
    await otherApp.openLocker('id-card');
    await otherApp.pickFromLocker(zhangWeiOneSha);
    const draftUses = async () => JSON.stringify((await readStoredDocs<ApplicationDoc>(page, account.userId, 'applications')).find((a) => a.id === liDraft.id));
    await expect.poll(draftUses, { timeout: 15_000 }).toContain(zhangWeiOneSha);
    await other.close();
    // This tab has heard of the draft (its list, under the question, shows the use).
    await expect.poll(() => app.lockerUses(zhangWeiOneSha).allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/李建国.*草稿/)]));

    const outcome = await app.confirmLockerCleanUp();
    expect(outcome).toMatch(new RegExp(`^已删除 ${sent.length - 1} 张照片，腾出约 [\\d.]+\\s[KM]B。有 1 张刚被别的申请用上，没有删，留在手机上。$`));
    await shot('locker-clean-up-outcome.png');
    const left = (await lockerItems()).map((i) => i.sha256).sort();
    expect(left).toEqual([secondSha, zhangWeiOneSha].sort());
    await app.closeLockerCleanUp();
    // Nothing more to clean: the card goes; the photo kept says who needs it.
    await app.lockerCleanUp().waitFor({ state: 'detached' });
    expect(await app.lockerEntry(zhangWeiOneSha).getByTestId('locker-blocked').textContent()).toContain('李建国的申请还没提交');
  });

  it('should offer the clean-up where the phone warns that storage runs low, and open the locker at it', async () => {
    // A phone with little room left. Headless Chromium ignores the DevTools quota override
    // (Storage.overrideQuotaForOrigin leaves estimate() unchanged), so this tab's browser
    // answers estimate() with its real usage and a quota 30 MB above it.
    const low = await context.newPage();
    await low.addInitScript(() => {
      const real = StorageManager.prototype.estimate;
      StorageManager.prototype.estimate = async function estimate(this: StorageManager) {
        const { usage = 0 } = await real.call(this);
        return { usage, quota: usage + 30 * 1024 * 1024 };
      };
    });
    const lowApp = new AppPage(low, gateway.url);
    await lowApp.open();
    await lowApp.goToApplications();
    const link = low.getByTestId('storage-clean-up-link');
    await link.waitFor({ timeout: 15_000 });
    expect(await low.getByTestId('storage-warning').textContent()).toContain('手机存储空间不多了');
    await low.screenshot({ path: session.shot('applications-low-storage-clean-up-link.png') });
    if (SHOTS_DIR) copyFileSync(session.shot('applications-low-storage-clean-up-link.png'), path.join(SHOTS_DIR, 'applications-low-storage-clean-up-link.png'));
    await link.click();
    await expect.poll(() => low.url()).toMatch(/#\/locker\/clean-up$/);
    const card = lowApp.lockerCleanUp();
    await card.waitFor({ timeout: 15_000 });
    // Everything delivered was cleaned already: it says so instead of showing nothing.
    expect(await card.getByTestId('locker-clean-up-none').textContent()).toContain('现在没有县里已经收到的照片可以清理');
    // The card is in view, below the sticky header.
    expect(await card.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(await low.evaluate(() => window.innerHeight / 2));
    await low.screenshot({ path: session.shot('locker-clean-up-highlighted.png') });
    if (SHOTS_DIR) copyFileSync(session.shot('locker-clean-up-highlighted.png'), path.join(SHOTS_DIR, 'locker-clean-up-highlighted.png'));
    await low.close();
  });

  it('should say plainly, instead of a broken image, when a draft holds a photo this phone does not have', async () => {
    // A second phone of the same account: 李建国's draft arrives by sync, his photo stays on the first phone.
    const liDraft = (await readStoredDocs<ApplicationDoc>(page, account.userId, 'applications')).find((a) => a.applicant.name === '李建国')!;
    const secondPhone = await newPhoneContext(session.browser);
    try {
      const other = await secondPhone.newPage();
      const otherApp = new AppPage(other, gateway.url);
      await otherApp.openOnFreshPhone();
      await otherApp.signIn(account.login, account.password);
      await otherApp.goToApplications();
      const item = other.locator(`[data-testid="application-item"][data-id="${liDraft.id}"]`);
      await item.waitFor({ timeout: 60_000 });
      await secondPhone.setOffline(true);
      await otherApp.continueDraft(item);
      const missing = other.getByTestId('material-slot-id-card').getByTestId('material-photo-missing');
      await expect.poll(() => missing.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await missing.first().textContent()).toBe('这部手机上没有这张照片');
      expect(await other.getByTestId('material-slot-id-card').locator('img').count()).toBe(0);
      if (!(await otherApp.isElderMode())) await otherApp.toggleElderMode();
      await otherApp.screenshotAt(other.getByTestId('material-slot-id-card'), session.shot('draft-photo-missing.png'));
      if (SHOTS_DIR) copyFileSync(session.shot('draft-photo-missing.png'), path.join(SHOTS_DIR, 'draft-photo-missing.png'));
    } finally {
      await secondPhone.close();
    }
  });
});
