import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import { fastUpstream, startTestProvince, type TestProvince } from '../support/province-sim.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';
import type { AppPage } from './pages/app-page.js';

const GUIDE = '个体工商户设立登记';

/**
 * A village agent (代办员) on one phone, offline (issue 13's proof): three
 * households registered, two filed for with the applicant's authorisation
 * (signed on screen; a thumbprint on paper, photographed), household A's ID
 * card neither offered nor accepted for household B, the hand-over receipt;
 * back online every application reaches the province once with its
 * authorisation, and a 补件 puts the household on the 待回访 list.
 */
describe('a village agent files for households, each kept apart, each with its consent', () => {
  let province: TestProvince;
  let session: SignedInPhone;
  let page: Page;
  let app: AppPage;
  const photoA = Buffer.from(makeSidewaysPhoneJpeg(1200, 900));
  const photoB = Buffer.from(makeSidewaysPhoneJpeg(1000, 760));
  const paperB = Buffer.from(makeSidewaysPhoneJpeg(900, 1200));

  beforeAll(async () => {
    province = await startTestProvince();
    session = await startSignedInPhone('agent', { upstreamEnv: fastUpstream(province) });
    ({ page, app } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await province?.close();
  });

  async function registerHousehold(village: string, members: { name: string; idNumber?: string; phone?: string; relation?: string }[]): Promise<void> {
    await page.getByTestId('nav-households').click();
    await page.getByTestId('new-household').click();
    await page.getByTestId('field-villageName').fill(village);
    for (let i = 0; i < members.length; i += 1) {
      if (i > 0) await page.getByTestId('add-member').click();
      const card = page.getByTestId('member-card').nth(i);
      const m = members[i];
      if (m.relation) await card.getByTestId('member-relation').selectOption(m.relation);
      await card.locator('[data-testid$=".name"]').fill(m.name);
      if (m.idNumber) await card.locator('[data-testid$=".idNumber"]').fill(m.idNumber);
      if (m.phone) await card.locator('[data-testid$=".phone"]').fill(m.phone);
    }
    await page.getByTestId('save-household').click();
    await page.getByTestId('household-title').waitFor();
  }

  /** From a household's page: 为<member>办一件事 → the guide → its form, filled from the profile. */
  async function startFilingFor(head: string, memberIndex = 0): Promise<void> {
    await page.getByTestId('nav-households').click();
    await page
      .getByTestId('household-item')
      .filter({ hasText: `${head}家` })
      .click();
    await page.getByTestId('file-for-member').nth(memberIndex).click();
    await app.openGuide(GUIDE);
    await app.startApplication();
    await page.getByTestId('filing-card').waitFor();
  }

  it('registers households offline, files with authorisations, keeps the locker per household, and reaches the province once each', async () => {
    await session.context.setOffline(true);
    await registerHousehold('石练村', [
      { name: '张桂英', idNumber: '330825195803120023', phone: '13957800123' },
      { name: '李建军', relation: '子女', phone: '13957800124' },
    ]);
    await app.screenshot(session.shot('agent-1-household.png'));
    await registerHousehold('石练村', [{ name: '周大明', idNumber: '331127196208150041', phone: '13867012345' }]);
    await registerHousehold('大柘村', [{ name: '陈秀兰', idNumber: '332527198805120029' }]);
    await page.getByTestId('nav-households').click();
    await expect.poll(() => page.getByTestId('household-item').count()).toBe(3);
    await app.screenshot(session.shot('agent-2-households.png'));

    // Household A: the form is filled from the profile; the applicant signs on the screen.
    await startFilingFor('张桂英');
    expect(await app.field('applicantName').inputValue()).toBe('张桂英');
    expect(await app.field('idNumber').inputValue()).toBe('330825195803120023');
    expect(await page.getByTestId('filing-card').textContent()).toContain(session.account.login);
    await app.fillRemainingRequiredFields();
    await app.attachRequiredMaterials(photoA);
    await app.screenshot(session.shot('agent-3-form.png'));
    await app.submitApplication();
    await page.getByTestId('authorisation-dialog').waitFor();
    expect(await page.getByTestId('authorisation-text').textContent()).toContain('张桂英');
    await app.screenshot(session.shot('agent-4-authorisation.png'));
    await app.signCommitment();
    await app.receipt().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('receipt-hand-over').textContent()).toContain('代办员');
    await app.screenshot(session.shot('agent-5-hand-over-receipt.png'));

    // Household B: A's ID card is not offered, and the same photo is refused for B.
    await startFilingFor('周大明');
    await app.openLocker('id-card');
    expect(await app.lockerItems().count()).toBe(0);
    await app.screenshot(session.shot('agent-6-locker-other-household.png'));
    await page.getByTestId('locker-close').click();
    await page.getByTestId('material-id-card-camera').setInputFiles({ name: 'IMG_A.jpg', mimeType: 'image/jpeg', buffer: photoA });
    await expect.poll(() => app.materialError('id-card').textContent(), { timeout: 30_000 }).toContain('另一户');
    expect(await app.materialPages('id-card').count()).toBe(0);
    await app.fillRemainingRequiredFields();
    await app.attachRequiredMaterials(photoB);
    await app.submitApplication();
    await page.getByTestId('authorisation-dialog').waitFor();
    await page.getByTestId('authorisation-thumbprint').check();
    await page.getByTestId('authorisation-photo-input').setInputFiles({ name: 'IMG_paper.jpg', mimeType: 'image/jpeg', buffer: paperB });
    await app.receipt().waitFor({ timeout: 30_000 });

    // Back online: each application at the province once, each with its authorisation.
    await app.goToApplications();
    await expect.poll(() => app.applicationItems().count(), { timeout: 15_000 }).toBe(2);
    const ids = await app.applicationItems().evaluateAll((items) => items.map((i) => i.getAttribute('data-id')!));
    await session.context.setOffline(false);
    for (const id of ids) await expect.poll(async () => (await province.caseOf(id))?.authorisation?.agentUserId ?? null, { timeout: 90_000 }).toBe(session.account.userId);
    const methods = await Promise.all(ids.map(async (id) => (await province.caseOf(id))!.authorisation!.method));
    expect(methods.sort()).toEqual(['signature', 'thumbprint']);
    const counts = await province.counts();
    for (const id of ids) expect(counts.casesPerApplication[id]).toBe(1);

    // The province asks A for a 补件: A is on the 待回访 list.
    const idA = (await app.applicationItems().filter({ hasText: '张桂英' }).getAttribute('data-id'))!;
    await province.advance(idA, { to: 'accepted' });
    await province.advance(idA, { to: 'supplement_required', materials: [{ key: 'id-card', reason: '身份证反面没有拍清楚' }] });
    await page.getByTestId('nav-households').click();
    const revisit = page.getByTestId('revisit-item');
    await expect.poll(() => revisit.count(), { timeout: 60_000 }).toBe(1);
    expect(await revisit.getAttribute('data-reason')).toBe('supplement');
    expect(await revisit.textContent()).toContain('张桂英');
    await app.screenshot(session.shot('agent-7-revisit.png'));

    // The same screens as a villager in their sixties sees them on a small phone.
    await page.setViewportSize({ width: 320, height: 640 });
    await app.toggleElderMode();
    await app.screenshot(session.shot('agent-8-households-320-elder.png'));
    await page.getByTestId('household-item').filter({ hasText: '张桂英家' }).click();
    await app.screenshot(session.shot('agent-9-household-320-elder.png'));
  }, 300_000);
});
