import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuideDoc, PullResponse } from '../../sync-protocol/index.js';
import { operatorToken, postGuideImport } from '../support/guide-import-client.js';
import type { TestGateway } from '../support/start-test-gateway.js';
import { startPhoneSession, type PhoneSession } from './harness.js';
import type { AppPage } from './pages/app-page.js';

const GUIDE_ID = 'guide-331123-getihu-sheli';
const GUIDE_NAME = '个体工商户设立登记';

/**
 * Service guides for people without signal: one online visit to pick the
 * area, then search, read, tick and keep everything offline; later, a new
 * version of a saved guide tells what changed. The built app, a real gateway
 * on its embedded store, Debian's headless Chromium.
 */
describe('service guides offline', () => {
  let gateway: TestGateway;
  let session: PhoneSession;
  let context: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    session = await startPhoneSession();
    ({ gateway, context, page, app } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The guide as the gateway publishes it now. */
  async function publishedGuide(): Promise<GuideDoc> {
    const response = await fetch(`${gateway.url}/v1/sync/guides/pull?since=0&limit=200&area=331123`, { headers: gateway.headers() });
    const page = (await response.json()) as PullResponse<GuideDoc>;
    const guide = page.documents.find((d) => d.id === GUIDE_ID);
    if (!guide) throw new Error(`${GUIDE_ID} is not published`);
    return guide;
  }

  it('should find a guide by initials offline, and keep its ticks and elder mode through an offline reload', async () => {
    await app.open();
    await app.pickArea(['浙江省', '丽水市', '遂昌县']);
    await app.waitForServiceWorkerControl();
    await expect.poll(() => app.guideItems().filter({ hasText: GUIDE_NAME }).count(), { timeout: 30_000 }).toBe(1);

    await context.setOffline(true);
    await app.search('yyzz');
    await expect.poll(() => app.searchResults().filter({ hasText: GUIDE_NAME }).count(), { timeout: 10_000 }).toBe(1);
    await app.screenshot(session.shot('guides-1-search-yyzz-offline.png'));
    await app.openSearchResult(GUIDE_NAME);
    await expect.poll(() => app.checklistItems().count(), { timeout: 10_000 }).toBeGreaterThan(2);
    expect(await app.freshness().textContent()).toMatch(/更新$/);

    await app.tickChecklistItem(0);
    await app.tickChecklistItem(1);
    await app.toggleElderMode();
    expect(await app.isElderMode()).toBe(true);
    await app.screenshot(session.shot('guides-2-ticked-elder.png'));

    await page.reload();
    await expect.poll(() => app.checklistItems().count(), { timeout: 15_000 }).toBeGreaterThan(2);
    const checked = await app.checklistItems().evaluateAll((items) => items.map((item) => item.getAttribute('data-checked')));
    expect(checked.slice(0, 3)).toEqual(['true', 'true', 'false']);
    expect(await app.isElderMode()).toBe(true);
    expect(await app.connectionState().getAttribute('data-state')).toBe('offline');
    // Offline is said in words under the header, with what still works.
    expect(await app.offlineBanner().textContent()).toContain('有网后自动发送');

    await app.goToGuides();
    await app.search('gtgsh');
    await expect.poll(() => app.searchResults().filter({ hasText: GUIDE_NAME }).count(), { timeout: 10_000 }).toBe(1);
    await app.screenshot(session.shot('guides-3-reloaded-offline.png'));
    await context.setOffline(false);
  });

  it('should tell what changed in the materials of a saved guide once a new version is published', async () => {
    await app.search(GUIDE_NAME);
    await app.openSearchResult(GUIDE_NAME);
    await app.saveGuide();
    await expect.poll(() => app.guideChangeNotice().count()).toBe(0);

    const { version: _v, updatedAt: _u, search: _s, _deleted, ...input } = (await publishedGuide()) as GuideDoc & { _deleted?: boolean };
    const [form, idCard, ...rest] = input.materials;
    const dropped = rest.find((m) => m.key === 'agent-authorization');
    expect(dropped, 'the guide under test lists an agent authorisation to drop').toBeDefined();
    const materials = [
      form,
      { ...idCard, copies: idCard.copies + 1 },
      ...rest.filter((m) => m.key !== 'agent-authorization'),
      { key: 'storefront-photo', name: '经营场所门头照片', forms: ['电子件' as const], copies: 0, required: true, waivable: false },
    ];
    const answer = await postGuideImport(gateway, await operatorToken(gateway), { guides: [{ ...input, materials }] });
    expect(answer.status).toBe(200);
    expect(answer.body.updated).toEqual([GUIDE_ID]);

    // Guides have no live stream: the device pulls when the network comes back (or the page is shown again).
    await context.setOffline(true);
    await context.setOffline(false);
    const notice = app.guideChangeNotice();
    await expect.poll(() => notice.count(), { timeout: 30_000 }).toBe(1);
    expect(await notice.getByTestId('change-added').textContent()).toContain('经营场所门头照片');
    expect(await notice.getByTestId('change-removed').textContent()).toContain(dropped!.name);
    const changed = await notice.getByTestId('change-changed').textContent();
    expect(changed).toContain(`${idCard.name}：原来要`);
    expect(changed).toContain(`复印件${idCard.copies + 1}份`);
    await app.screenshot(session.shot('guides-4-change-notice.png'));

    await notice.getByTestId('guide-change-ack').click();
    await expect.poll(() => app.guideChangeNotice().count()).toBe(0);
  });
});
