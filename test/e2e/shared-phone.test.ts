import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSidewaysPhoneJpeg } from '../browser/support/photo-fixtures.js';
import type { TestAccount, TestGateway } from '../support/start-test-gateway.js';
import { startPhoneSession, type PhoneSession } from './harness.js';
import type { AppPage } from './pages/app-page.js';

/** A small photographed document for the guide's required materials. */
const DOCUMENT_PHOTO = makeSidewaysPhoneJpeg(640, 480);

/**
 * One phone, two people: a village agent's phone lent to a neighbour. The
 * built app served by a real gateway, in Debian's headless Chromium.
 */
describe('a phone shared by two people', () => {
  let gateway: TestGateway;
  let session: PhoneSession;
  let context: BrowserContext;
  let app: AppPage;
  let alice: TestAccount;
  let bob: TestAccount;

  beforeAll(async () => {
    session = await startPhoneSession();
    ({ gateway, context, app } = session);
    alice = await gateway.createAccount('applicant');
    bob = await gateway.createAccount('applicant');
  });

  afterAll(async () => {
    await session?.close();
  });

  /** Ids of the applications the gateway stored for one user (none if their database does not exist yet). */
  async function storedApplications(userId: string): Promise<string[]> {
    const db = gateway.couch.use(gateway.userDbName(userId, 'applications'));
    try {
      const stored = await db.list();
      return stored.rows.map((row) => row.id).filter((id) => !id.startsWith('_design/'));
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return [];
      throw error;
    }
  }

  it("should show the next person none of the last one's applications, and give them back when that person returns", async () => {
    await app.openOnFreshPhone();

    // A files an application with no signal, so it is still unsent when A signs out.
    await app.signIn(alice.login, alice.password);
    await app.goToGuides();
    await context.setOffline(true);
    await app.openGuide('个体工商户设立登记');
    await app.startApplication();
    await app.fillApplicantAndRequiredFields();
    await app.attachRequiredMaterials(DOCUMENT_PHOTO);
    await app.submitApplication();
    await app.receipt().waitFor();
    await app.goToApplications();
    const aliceItem = app.applicationItems().filter({ hasText: '王秀英' });
    await expect.poll(() => app.syncStateOf(aliceItem).getAttribute('data-state'), { timeout: 15_000 }).toBe('pending');
    const aliceApplicationId = await aliceItem.getAttribute('data-id');

    await app.askToSignOut();
    expect(await app.signOutWarning().textContent()).toBe('还有 1 份申请没有发送。退出后它们会保留在这台手机上，您再次登录时会自动发送。确定退出吗？');
    await app.screenshot(session.shot('shared-1-sign-out-warning.png'));
    await app.confirmSignOut();
    await context.setOffline(false);

    // B signs in on the same phone: none of A's applications, on screen or sent under B's account.
    await app.signIn(bob.login, bob.password);
    await app.goToApplications();
    await app.noApplications().waitFor({ timeout: 15_000 });
    expect(await app.applicationItems().count()).toBe(0);
    await app.goToGuides();
    await expect.poll(() => app.guideItems().count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await app.screenshot(session.shot('shared-2-other-person.png'));
    expect(await storedApplications(bob.userId)).not.toContain(aliceApplicationId);
    await app.signOut();

    // A comes back: the application is there and now goes out, under A's account.
    await app.signIn(alice.login, alice.password);
    await app.goToApplications();
    const back = app.applicationItems().filter({ hasText: '王秀英' });
    await expect.poll(() => back.count(), { timeout: 15_000 }).toBe(1);
    expect(await back.getAttribute('data-id')).toBe(aliceApplicationId);
    await expect.poll(() => app.syncStateOf(back).getAttribute('data-state'), { timeout: 60_000 }).toBe('at-gateway');
    await app.screenshot(session.shot('shared-3-back-and-sent.png'));
    expect(await storedApplications(alice.userId)).toEqual([aliceApplicationId]);
    expect(await storedApplications(bob.userId)).toEqual([]);
  });
});
