import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startSignedInPhone, type SignedInPhone } from './harness.js';
import type { AppPage } from './pages/app-page.js';
import { readStoredDocs } from './support/phone-storage.js';

const GUIDE = '个体工商户设立登记';

/**
 * What a villager types that the database would refuse (a name pasted past
 * the schema's 100 characters, words in a number field) must still be kept
 * as a draft, with the problem said beside the field.
 */
describe('a draft with a too-long name and words in a number field', () => {
  let gateway: TestGateway;
  let session: SignedInPhone;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;
  let account: { login: string; password: string; userId: string };

  beforeAll(async () => {
    session = await startSignedInPhone('applicant');
    ({ gateway, context, page, app, account } = session);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  const storedApplications = () => readStoredDocs<ApplicationDoc>(page, account.userId, 'applications');

  it('should keep the draft within the schema, show the number problem beside the field and no save failure', async () => {
    void gateway;
    await context.setOffline(true);
    await app.goToGuides();
    await app.openGuide(GUIDE);
    await app.startApplication();

    await app.field('applicantName').fill('王'.repeat(130));
    expect(await app.field('applicantName').inputValue()).toHaveLength(100);
    await app.field('capital').fill('约5万');
    await app.field('phone').click(); // leaving the field is when it is judged
    await expect.poll(() => app.fieldError('capital').textContent(), { timeout: 5_000 }).toBe('请只填数字，比如 12 或 3.5');

    await expect.poll(async () => (await storedApplications())[0]?.form?.capital, { timeout: 10_000 }).toBe('约5万');
    const [draft] = await storedApplications();
    expect(draft.applicant.name).toHaveLength(100);
    expect(await page.getByTestId('draft-save-problem').count()).toBe(0);

    // Typed as a number now: stored as one.
    await app.field('capital').fill('５0000');
    await expect.poll(async () => (await storedApplications())[0]?.form?.capital, { timeout: 10_000 }).toBe(50000);
  }, 120_000);

  it('should say so visibly when a draft write fails, keep the typed text, and clear the message once a write succeeds', async () => {
    // The phone's storage refuses writes (full disk): every IndexedDB put fails as Chromium's would.
    await page.evaluate(() => {
      const w = window as unknown as { realPut?: typeof IDBObjectStore.prototype.put };
      w.realPut = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await app.field('premisesAddress').fill('遂昌县妙高街道北街12号');
    await page.getByTestId('draft-save-problem').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('draft-save-problem').textContent()).toContain('草稿没有存上');
    expect(await app.field('premisesAddress').inputValue()).toBe('遂昌县妙高街道北街12号');

    await page.evaluate(() => {
      const w = window as unknown as { realPut: typeof IDBObjectStore.prototype.put };
      IDBObjectStore.prototype.put = w.realPut;
    });
    await app.field('premisesAddress').fill('遂昌县妙高街道北街14号');
    await page.getByTestId('draft-save-problem').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(async () => (await storedApplications())[0]?.form?.premisesAddress, { timeout: 10_000 }).toBe('遂昌县妙高街道北街14号');
  }, 60_000);
});
