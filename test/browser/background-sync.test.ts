import path from 'node:path';
import type { BrowserContext, CDPSession, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_UPLOAD_TAG } from '../../device-core/transfer/upload-coordination.js';
import { launchChromium, newPhoneContext } from '../support/browser.js';
import { describeOpenPhones } from '../support/phone-diagnostics.js';
import { seededBytes, sha256Hex } from '../support/material-transfer.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { AppPage } from '../e2e/pages/app-page.js';
import { buildInjection } from './support/build-injection.js';
import type { fileWithoutPhotos, fileWithPhoto } from './inject/file-with-photo.js';
import type { DocumentStore, Store } from '../../gateway/store/store.js';

const DIST = path.resolve('dist');
/** How long the material may take to arrive by itself once the network is back. */
const NATURAL_SYNC_WAIT_MS = 10_000;

declare global {
  interface Window {
    TongbanTest: { fileWithPhoto: typeof fileWithPhoto; fileWithoutPhotos: typeof fileWithoutPhotos };
  }
}

interface BackgroundServiceEvent {
  /** Seconds since the epoch. */
  timestamp: number;
  eventName: string;
  instanceId: string;
  eventMetadata: { key: string; value: string }[];
}

/**
 * An application and its photo filed with no connection reach the gateway
 * through the service worker's Background Sync handler after the page was
 * closed, and the gateway counts the application complete: the built app
 * and its service worker, a real gateway, Debian's headless Chromium.
 */
describe('background sync of an application and its photo after the page closed', () => {
  let gateway: TestGateway | undefined;
  let injection: string;
  /** While set, every document write of a push fails (500): a link that carries requests but not the push. */
  const flakyPush = { failing: false, failed: 0 };

  beforeAll(async () => {
    injection = await buildInjection('../inject/file-with-photo.ts', 'TongbanTest');
    gateway = await startTestGateway({ staticDir: DIST, seed: true, wrapStore: failingPushWrites(flakyPush) });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await condition()) return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return condition();
  }

  it('should send the application and its photo from the service worker once the network is back, with every page of the app closed', async () => {
    const gw = gateway!;
    const account = await gw.createAccount('applicant');
    const browser = await launchChromium();
    try {
      const context = await newPhoneContext(browser);
      const page = await context.newPage();
      const app = new AppPage(page, gw.url);
      const { cdp, recorded } = await observeBackgroundSync(context);

      const workerLog = recordWorkerConsole(context);
      await app.open();
      await app.pickArea(['浙江省', '丽水市', '遂昌县']);
      await app.waitForServiceWorkerControl();
      await app.signIn(account.login, account.password);

      // DevTools' offline emulation does not always reach Background Sync in time: in some runs the
      // browser fires the sync at registration, the page still open; the worker then defers to the
      // page and the browser's retry is 5 minutes away. The recorded events tell which run this was.
      await context.setOffline(true);
      // Filed offline means nothing leaves the phone: wait until the emulation has reached the page's own
      // requests. (A draft push slipping out first leaves the gateway holding the draft; the worker's push of the
      // submitted version then meets it as a conflict, which it resolves with the page's rule:
      // device-core/application-conflict.ts, test/integration/background-push.test.ts.)
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              fetch('/health', { cache: 'no-store' }).then(
                () => 'reached',
                () => 'offline',
              ),
            ),
          { timeout: 15_000 },
        )
        .toBe('offline');
      const photo = seededBytes(180_000, 501);
      await page.addScriptTag({ content: injection });
      const filed = await page.evaluate(([userId, base64]) => window.TongbanTest.fileWithPhoto(userId, base64), [account.userId, photo.toString('base64')] as const);
      expect(filed.sha256).toBe(sha256Hex(photo));
      // The app's page saw the submit and asked for Background Sync.
      await expect
        .poll(() => page.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags()), { timeout: 15_000 })
        .toContain(BACKGROUND_UPLOAD_TAG);
      expect(await gw.store.materials.read(account.userId, filed.sha256)).toBeFalsy();
      const token = await gw.signIn(account.login, account.password);
      const atGateway = async () => {
        const response = await fetch(`${gw.url}/v1/sync/applications/pull`, { headers: gw.headers(token) });
        const { documents } = (await response.json()) as { documents: { id: string; server?: { completeAt?: string } }[] };
        return documents.find((d) => d.id === filed.applicationId);
      };
      expect(await atGateway()).toBeUndefined();

      await page.close();
      // Still offline with the page closed: nothing may arrive (the worker's fetches are offline too).
      const stored = async () => {
        const bytes = await gw.store.materials.read(account.userId, filed.sha256);
        return Boolean(bytes && sha256Hex(bytes) === filed.sha256 && (await atGateway())?.server?.completeAt);
      };
      expect(await waitFor(stored, 3_000)).toBe(false);
      const reconnectedAt = Date.now() / 1000;
      await context.setOffline(false);
      const arrivedByItself = await waitFor(stored, NATURAL_SYNC_WAIT_MS);
      let how = 'the browser fired the sync event by itself on reconnect';
      if (!arrivedByItself) {
        // Headless Chromium did not fire it: dispatch the REAL sync event to the worker through DevTools.
        how = 'dispatched through DevTools (ServiceWorker.dispatchSyncEvent): Chromium fired no sync within the wait after reconnect (its own retry was 5 minutes away)';
        const registrations = await registrationsOf(cdp);
        const registration = registrations.find((r) => r.scopeURL === `${gw.url}/`);
        expect(registration).toBeDefined();
        await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: gw.url, registrationId: registration!.registrationId, tag: BACKGROUND_UPLOAD_TAG, lastChance: false });
        expect(await waitFor(stored, 30_000)).toBe(true);
      }
      const events = recorded.map((e) => `${e.eventName}(${e.eventMetadata.map((m) => `${m.key}=${m.value}`).join(',')}) at ${(e.timestamp - reconnectedAt).toFixed(2)} s`);
      const said = workerLog.filter((line) => line.startsWith('background upload'));
      console.info(
        `background sync: the application and its photo arrived, complete; ${how}. Recorded (time from reconnect): ${events.join('; ') || 'none'}. Worker said: ${said.join('; ') || 'nothing'}`,
      );
      expect(recorded.some((e) => e.eventName === 'Registered sync')).toBe(true);
      expect(context.pages().map((p) => p.url())).toEqual(['about:blank']);

      // The worker pushed the form before the photo: the gateway holds both and stamped completeAt
      // with no page open. The app opened again finds them there and shows 已送达 (not 发送中).
      const reopened = new AppPage(await context.newPage(), gw.url);
      await reopened.open();
      await reopened.goToApplications();
      const item = reopened.applicationItems().first();
      await expect.poll(() => reopened.syncStateOf(item).getAttribute('data-state'), { timeout: 60_000 }).toBe('at-gateway');
      await reopened.screenshot(path.resolve('test-results/e2e/background-sync-at-gateway.png'));
    } catch (error) {
      // The browser closes below, before the failure report of the e2e setup could look at it.
      console.error(await describeOpenPhones(expect.getState().currentTestName ?? 'background sync'));
      throw error;
    } finally {
      await browser.close();
    }
  });

  it('should register Background Sync when the page is hidden with an application whose push failed, though the browser says online, and the worker then pushes it', async () => {
    const gw = gateway!;
    const account = await gw.createAccount('applicant');
    const browser = await launchChromium();
    try {
      const context = await newPhoneContext(browser);
      const page = await context.newPage();
      const app = new AppPage(page, gw.url);
      const { cdp, recorded } = await observeBackgroundSync(context);
      const workerLog = recordWorkerConsole(context);
      await app.open();
      await app.pickArea(['浙江省', '丽水市', '遂昌县']);
      await app.waitForServiceWorkerControl();
      await app.signIn(account.login, account.password);
      const syncTags = () => page.evaluate(async () => ((await navigator.serviceWorker.ready) as unknown as { sync: { getTags(): Promise<string[]> } }).sync.getTags());

      flakyPush.failing = true;
      await page.addScriptTag({ content: injection });
      const filed = await page.evaluate((userId) => window.TongbanTest.fileWithoutPhotos(userId), account.userId);
      // The page tried to push it and failed; the browser still says online. (The photo transfer, with nothing to send,
      // still waits for this push; registration no longer depends on that: the application itself is unacknowledged.)
      await expect.poll(() => flakyPush.failed, { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => navigator.onLine)).toBe(true);
      expect(await syncTags()).not.toContain(BACKGROUND_UPLOAD_TAG);
      expect(recorded.filter((e) => e.eventName === 'Registered sync')).toEqual([]);

      // The person switches to another app. Headless Chromium keeps every page visible: the page is told it is hidden.
      await page.evaluate(() => {
        Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => 'hidden' });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      // Online, Chromium may fire the sync at once (the worker defers to the open page): a tag or a recorded registration.
      await expect.poll(async () => (await syncTags()).includes(BACKGROUND_UPLOAD_TAG) || recorded.some((e) => e.eventName === 'Registered sync'), { timeout: 15_000 }).toBe(true);

      await page.close();
      flakyPush.failing = false;
      const token = await gw.signIn(account.login, account.password);
      const acknowledged = async () => {
        const response = await fetch(`${gw.url}/v1/sync/applications/pull`, { headers: gw.headers(token) });
        const { documents } = (await response.json()) as { documents: { id: string; server?: { receivedAt?: string } }[] };
        return Boolean(documents.find((d) => d.id === filed.applicationId)?.server?.receivedAt);
      };
      // With every page closed, Chromium may fire the sync it holds by itself, the worker then pushing at once.
      // Otherwise its own retry is minutes away: the test dispatches the sync the page registered.
      if (!(await waitFor(acknowledged, NATURAL_SYNC_WAIT_MS / 2))) {
        const registration = (await registrationsOf(cdp)).find((r) => r.scopeURL === `${gw.url}/`);
        expect(registration).toBeDefined();
        await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: gw.url, registrationId: registration!.registrationId, tag: BACKGROUND_UPLOAD_TAG, lastChance: false });
      }
      await expect.poll(acknowledged, { timeout: 30_000 }).toBe(true);
      // The worker pushed it (a push of the closing page still in flight could land first: the worker's push is then
      // answered "unchanged", which it reports as sent too).
      await expect.poll(() => workerLog.includes('background upload: sent'), { timeout: 30_000 }).toBe(true);
    } catch (error) {
      // The browser closes below, before the failure report of the e2e setup could look at it.
      console.error(await describeOpenPhones(expect.getState().currentTestName ?? 'background sync'));
      throw error;
    } finally {
      await browser.close();
    }
  });
});

/** The store with document writes that fail while `flaky.failing`, counting the failures. */
function failingPushWrites(flaky: { failing: boolean; failed: number }) {
  return (store: Store): Store => {
    const inner = store.documents;
    const documents: DocumentStore = {
      pullChanges: (...args) => inner.pullChanges(...args),
      readDocuments: (...args) => inner.readDocuments(...args),
      followChanges: (...args) => inner.followChanges(...args),
      listAreaPartitions: (...args) => inner.listAreaPartitions(...args),
      listAwaitingMaterials: (...args) => inner.listAwaitingMaterials(...args),
      listComplete: (...args) => inner.listComplete(...args),
      async writeDocuments(scope, docs) {
        if (flaky.failing) {
          flaky.failed += 1;
          throw new Error('injected push failure');
        }
        return inner.writeDocuments(scope, docs);
      },
    };
    return { ...store, documents };
  };
}

/** Every console line of the context's service workers, from now on. */
function recordWorkerConsole(context: BrowserContext): string[] {
  const lines: string[] = [];
  const listened = new Set<Worker>();
  const listen = (worker: Worker) => {
    if (listened.has(worker)) return;
    listened.add(worker);
    worker.on('console', (message) => lines.push(message.text()));
  };
  context.on('serviceworker', listen);
  context.serviceWorkers().forEach(listen);
  return lines;
}

/**
 * Records the context's Background Sync events through DevTools, from a blank
 * tab: not a client of the app's origin, it keeps the session once the app's
 * page is closed.
 */
async function observeBackgroundSync(context: BrowserContext): Promise<{ cdp: CDPSession; recorded: BackgroundServiceEvent[] }> {
  const observer = await context.newPage();
  const cdp = await context.newCDPSession(observer);
  const recorded: BackgroundServiceEvent[] = [];
  cdp.on('BackgroundService.backgroundServiceEventReceived', (event: { backgroundServiceEvent: BackgroundServiceEvent }) => recorded.push(event.backgroundServiceEvent));
  await cdp.send('BackgroundService.startObserving', { service: 'backgroundSync' });
  await cdp.send('BackgroundService.setRecording', { shouldRecord: true, service: 'backgroundSync' });
  return { cdp, recorded };
}

/** The service worker registrations DevTools reports once its ServiceWorker domain is enabled. */
async function registrationsOf(cdp: CDPSession): Promise<{ registrationId: string; scopeURL: string }[]> {
  return new Promise((resolve, reject) => {
    const seen: { registrationId: string; scopeURL: string }[] = [];
    const done = setTimeout(() => resolve(seen), 2_000);
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
      seen.push(...event.registrations.filter((r) => !r.isDeleted));
      if (seen.length > 0) {
        clearTimeout(done);
        resolve(seen);
      }
    });
    cdp.send('ServiceWorker.enable').catch(reject);
  });
}
