import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import { fastUpstream, startTestProvince, type TestProvince } from '../support/province-sim.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startPhoneSession, type PhoneSession } from './harness.js';
import type { AppPage } from './pages/app-page.js';

/**
 * The way to the province and back, on the phone: an application filed
 * offline is forwarded by the gateway to the provincial platform simulator;
 * its answers (受理 with the acceptance number, 补件 naming a material and
 * why, 办结) come back as statuses and show on the progress page; the 补件
 * photo taken offline reaches the province as a supplement to the same case,
 * and the rating after 办结 reaches it too.
 */
describe('filing offline, then 受理, 补件, 办结 and 好差评 through the provincial platform', () => {
  let province: TestProvince;
  let gateway: TestGateway;
  let session: PhoneSession;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };
  const photo = Buffer.from(makeSidewaysPhoneJpeg(1200, 900));

  beforeAll(async () => {
    province = await startTestProvince();
    session = await startPhoneSession({ upstreamEnv: fastUpstream(province) });
    ({ gateway, page, app } = session);
    account = await gateway.createAccount('applicant');
  });

  afterAll(async () => {
    await session?.close();
    await province?.close();
  });

  async function storedApplication(id: string): Promise<ApplicationDoc> {
    const db = gateway.couch.use<{ data: ApplicationDoc }>(gateway.userDbName(account.userId, 'applications'));
    return (await db.get(id)).data;
  }

  it('should show each answer of the province, send a 补件 photo to the same case, and rate the finished application', async () => {
    await app.openOnFreshPhone();
    await app.signIn(account.login, account.password);
    await app.goToGuides();

    await session.context.setOffline(true);
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.fillApplicantAndRequiredFields();
    await app.attachRequiredMaterials(photo);
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    await app.goToApplications();
    const item = app.applicationItems().first();
    const id = (await item.getAttribute('data-id'))!;
    await session.context.setOffline(false);

    // The gateway forwards it once everything arrived: 等待受理.
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('forwarded');
    const caseAtProvince = await province.caseOf(id);
    expect(caseAtProvince).not.toBeNull();

    const accepted = await province.advance(id, { to: 'accepted' });
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('accepted');
    await page.getByTestId('progress-link').first().click();
    await expect.poll(() => page.getByTestId('acceptance-number').textContent(), { timeout: 15_000 }).toBe(accepted.acceptanceNumber);
    await app.screenshot(session.shot('status-0-accepted.png'));

    const requested = (await storedApplication(id)).materials!.find((m) => m.pages.length > 0)!;
    await province.advance(id, { to: 'supplement_required', materials: [{ key: requested.key, reason: '照片反光，号码看不清，请在光线均匀处重拍' }] });
    await page.getByTestId('supplement-form').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('supplement-material').first().textContent()).toContain('照片反光');
    await app.screenshot(session.shot('status-1-supplement-request.png'));

    // The supplement is photographed with no signal; it goes up when the signal returns.
    await session.context.setOffline(true);
    await page
      .getByTestId('supplement-photo')
      .first()
      .setInputFiles({ name: 'again.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeSidewaysPhoneJpeg(1000, 800)) });
    await expect.poll(() => page.getByTestId('send-supplement').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('send-supplement').click();
    await page.getByTestId('supplement-sent').waitFor({ timeout: 15_000 });
    await app.screenshot(session.shot('status-2-supplement-sent-offline.png'));
    await session.context.setOffline(false);
    await expect.poll(async () => (await province.caseOf(id))?.supplements.flatMap((s) => s.materialKeys) ?? [], { timeout: 60_000 }).toEqual([requested.key]);

    await province.advance(id, { to: 'completed', message: '营业执照已办好，可到县市民中心2号窗口领取' });
    await page.getByTestId('rating-form').waitFor({ timeout: 60_000 });
    // Where to fetch the result stands at the top, not at the end of the timeline.
    expect(await page.getByTestId('application-outcome').textContent()).toContain('县市民中心2号窗口');
    await page.getByTestId('score-5').click();
    await page.getByTestId('rating-comment').fill('不用跑县城，手机上就办好了');
    await page.getByTestId('send-rating').click();
    await page.getByTestId('rating-given').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await province.caseOf(id))?.rating?.score, { timeout: 60_000 }).toBe(5);
    expect((await province.caseOf(id))?.rating).toMatchObject({ score: 5, comment: '不用跑县城，手机上就办好了' });

    await app.toggleElderMode();
    await app.screenshot(session.shot('status-3-rated-elder.png'));
    expect(await page.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))).toEqual(
      expect.arrayContaining(['在手机上提交', '已转交省里', '已受理', '需补件', '已补交材料', '已办结', '已评价']),
    );
    // Exactly one case at the province for this application, however often anything was retried.
    expect((await province.counts()).casesPerApplication[id]).toBe(1);
  });
});
