import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc, StatusDoc } from '../../sync-protocol/index.js';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startPhoneSession, type PhoneSession } from './harness.js';
import type { AppPage } from './pages/app-page.js';

/**
 * The province's answers on the phone: statuses the gateway records in the
 * person's status database reach the phone, the progress page shows them as
 * a timeline, a 补件 request is answered with a new photo, and 办结 is rated.
 * The supplement and the rating travel back up to the gateway.
 */
describe('statuses from the province, 补件 and 好差评 on the phone', () => {
  let gateway: TestGateway;
  let session: PhoneSession;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };

  beforeAll(async () => {
    session = await startPhoneSession();
    ({ gateway, page, app } = session);
    account = await gateway.createAccount('applicant');
  });

  afterAll(async () => {
    await session?.close();
  });

  /** What the gateway's forwarder does with an answer of the province: a status document in the owner's database. */
  async function publishStatus(status: StatusDoc): Promise<void> {
    const db = gateway.couch.use(gateway.userDbName(account.userId, 'statuses'));
    await db.insert({ _id: status.id, data: status, server: { receivedAt: new Date().toISOString(), owner: account.userId }, deleted: false } as never);
  }

  async function storedApplication(id: string): Promise<ApplicationDoc> {
    const db = gateway.couch.use<{ data: ApplicationDoc }>(gateway.userDbName(account.userId, 'applications'));
    return (await db.get(id)).data;
  }

  it('should show each answer, take a supplement photo, and rate the finished application', async () => {
    await app.open();
    await app.pickArea(['浙江省', '丽水市', '遂昌县']);
    await expect.poll(() => app.guideItems().count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await app.signIn(account.login, account.password);
    await expect.poll(() => page.getByTestId('sign-out-button').count(), { timeout: 15_000 }).toBe(1);
    await app.goToGuides();
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.field('applicantName').fill('王秀英');
    await app.field('idNumber').fill('332527198805120029');
    await app.field('phone').fill('13957800123');
    await app.fillRemainingRequiredFields();
    await app.submitApplication();
    await app.receipt().waitFor({ timeout: 15_000 });
    await app.goToApplications();
    const item = app.applicationItems().first();
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('at-gateway');
    const id = (await item.getAttribute('data-id'))!;

    // Server clocks: the province answers after the gateway received the application.
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    await publishStatus({ id: `${id}:forwarded`, applicationId: id, state: 'forwarded', at: at(1) });
    await publishStatus({ id: `${id}:accepted`, applicationId: id, state: 'accepted', acceptanceNumber: '浙330000-2026-000123', at: at(2) });
    await expect.poll(() => app.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('accepted');
    await page.getByTestId('progress-link').first().click();
    await expect.poll(() => page.getByTestId('acceptance-number').textContent(), { timeout: 15_000 }).toBe('浙330000-2026-000123');
    expect(await page.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))).toEqual([
      '在手机上提交',
      '已到网关',
      '已报送省平台',
      '已受理',
    ]);

    const requestId = `${id}:supplement-1`;
    await publishStatus({
      id: requestId,
      applicationId: id,
      state: 'supplement_required',
      at: at(3),
      materials: [{ key: 'id-card', name: '经营者身份证件', reason: '照片反光，身份证号码看不清，请在光线均匀处重拍' }],
    });
    await page.getByTestId('supplement-form').waitFor({ timeout: 60_000 });
    await app.screenshot(session.shot('status-1-supplement-request.png'));

    // The supplement is taken offline: it waits on the phone and goes up later.
    await session.context.setOffline(true);
    await page.getByTestId('supplement-photo').first().setInputFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(makeSidewaysPhoneJpeg(1200, 900)) });
    await expect.poll(() => page.getByTestId('send-supplement').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('send-supplement').click();
    await page.getByTestId('supplement-sent').waitFor({ timeout: 15_000 });
    await app.screenshot(session.shot('status-2-supplement-sent-offline.png'));
    await session.context.setOffline(false);
    await expect
      .poll(async () => (await storedApplication(id)).supplements?.map((s) => s.requestedBy) ?? [], { timeout: 60_000 })
      .toEqual([requestId]);
    const [supplement] = (await storedApplication(id)).supplements!;
    expect(supplement.materials).toMatchObject([{ key: 'id-card', name: '经营者身份证件' }]);
    expect(supplement.materials[0].pages[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    await publishStatus({ id: `${id}:completed`, applicationId: id, state: 'completed', message: '营业执照已办好，可到县市民中心2号窗口领取', at: at(9) });
    await page.getByTestId('rating-form').waitFor({ timeout: 60_000 });
    await page.getByTestId('score-5').click();
    await page.getByTestId('rating-comment').fill('不用跑县城，手机上就办好了');
    await page.getByTestId('send-rating').click();
    await page.getByTestId('rating-given').waitFor({ timeout: 15_000 });
    await app.toggleElderMode();
    await app.screenshot(session.shot('status-3-rated-elder.png'));
    expect(await page.getByTestId('timeline-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')))).toEqual([
      '在手机上提交',
      '已到网关',
      '已报送省平台',
      '已受理',
      '需补件',
      '已补交材料',
      '已办结',
      '已评价',
    ]);
    await expect.poll(async () => (await storedApplication(id)).rating?.score, { timeout: 60_000 }).toBe(5);
    expect((await storedApplication(id)).rating?.comment).toBe('不用跑县城，手机上就办好了');
  });
});
