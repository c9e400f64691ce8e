import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, type ApplicationDoc, type MaterialPage } from '../../sync-protocol/index.js';
import type { UserDatabase } from '../../pwa/src/db/create-database.js';
import type { Databases } from '../../pwa/src/db/databases.js';
import { createLockerMaterialSource } from '../../pwa/src/db/locker-material-source.js';
import { putMaterial } from '../../pwa/src/db/locker.js';
import { createTestDatabases } from '../../pwa/src/db/test-database.js';
import { deriveSyncState } from '../../pwa/src/model/sync-state.js';
import { createGatewayClient } from '../../device-core/client/gateway-client.js';
import { startReplication, type ReplicationHandle } from '../../pwa/src/sync/start-replication.js';
import { createIdbUrlStorage } from '../../device-core/transfer/idb-url-storage.js';
import { startTransfer, type TransferHandle } from '../../pwa/src/transfer/start-transfer.js';
import { openTransferStore } from '../../device-core/transfer/transfer-store.js';
import { createTusMaterialGateway } from '../../device-core/transfer/tus-material-gateway.js';
import { seededBytes, sha256Hex } from '../support/material-transfer.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/** One request the device made, in the order requests started and ended. */
interface Logged {
  event: 'start' | 'end';
  method: string;
  path: string;
}

/**
 * A phone (RxDB on fake-indexeddb, its material locker) with three submitted
 * applications sharing photos, replicating and sending to a real gateway.
 */
describe('a device sending its applications and their photos', () => {
  let gateway: TestGateway | undefined;
  let databases: Databases | undefined;
  let replication: ReplicationHandle | undefined;
  let transfer: TransferHandle | undefined;

  afterEach(async () => {
    await transfer?.stop();
    await replication?.stop();
    await databases?.close();
    await gateway?.close();
    transfer = replication = databases = gateway = undefined;
  });

  async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
    await vi.waitFor(
      async () => {
        if (!(await condition())) throw new Error('condition not met in time');
      },
      { timeout: timeoutMs, interval: 25 },
    );
  }

  function submitted(id: string, pages: MaterialPage[]): ApplicationDoc {
    const at = '2026-11-26T03:00:00.000Z';
    return {
      id,
      guideId: 'guide-331123-getihu-sheli',
      guideVersion: 3,
      guideName: '个体工商户设立登记',
      applicant: { name: '王秀英' },
      form: { shopName: '王秀英小吃店' },
      lifecycle: 'submitted',
      createdAt: at,
      updatedAt: at,
      submittedAt: at,
      materials: [{ key: 'id-card', name: '居民身份证', pages }],
    };
  }

  async function applications(db: UserDatabase): Promise<ApplicationDoc[]> {
    return (await db.applications.find().exec()).map((d) => d.toJSON() as ApplicationDoc);
  }

  it('should push the documents first, then upload each photo once, and see all three applications complete', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    databases = await createTestDatabases();
    const db = await databases.openUser(alice.userId);

    const idCard = seededBytes(300_000, 301);
    const licence = seededBytes(150_000, 302);
    const pageOf = async (bytes: Buffer, label: string): Promise<MaterialPage> => {
      const item = await putMaterial(db, { blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), meta: { kind: 'photo', label }, at: new Date().toISOString() });
      return { sha256: item.sha256, bytes: item.bytes, contentType: 'image/jpeg' };
    };
    const idCardPage = await pageOf(idCard, '居民身份证');
    const licencePage = await pageOf(licence, '营业执照');
    expect(idCardPage.sha256).toBe(sha256Hex(idCard));
    // Three applications, two photos: the identity card is attached to all three.
    await db.applications.bulkInsert([
      submitted('app-transfer-1', [idCardPage]),
      submitted('app-transfer-2', [idCardPage, licencePage]),
      submitted('app-transfer-3', [idCardPage]),
    ]);

    const log: Logged[] = [];
    const loggedFetch: typeof fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const entry = { method: init?.method ?? 'GET', path: url.pathname.slice(API_PREFIX.length) };
      log.push({ event: 'start', ...entry });
      try {
        return await fetch(input, init);
      } finally {
        log.push({ event: 'end', ...entry });
      }
    };
    const client = createGatewayClient({ baseUrl: gateway.url, getToken: () => token, fetch: loggedFetch });
    replication = startReplication({ device: databases.device, client, user: { id: alice.userId, db }, live: true, retryTime: 200, waitForLeadership: false });
    const store = await openTransferStore(new IDBFactory());
    transfer = startTransfer({
      source: createLockerMaterialSource(db),
      gateway: createTusMaterialGateway({ baseUrl: gateway.url, userId: alice.userId, getToken: () => token, urlStorage: createIdbUrlStorage(store), fetch: loggedFetch }),
      replication,
      onSnapshot: () => {},
      backoff: { random: () => 0 },
    });

    // completeAt comes back to the phone through the live stream once the last photo arrived.
    // The phone records each photo as sent once its last answer came; completeAt may come back first.
    await waitFor(async () => (await applications(db)).every((app) => app.server?.completeAt));
    await waitFor(async () => (await db.materials.find().exec()).every((doc) => typeof doc.toJSON().uploadedAt === 'string'));
    expect((await applications(db)).map((app) => deriveSyncState(app))).toEqual(['at-gateway', 'at-gateway', 'at-gateway']);

    const creations = log.filter((l) => l.event === 'start' && l.method === 'POST' && l.path === '/materials/uploads');
    expect(creations).toHaveLength(2);
    const lastPushEnd = log.findLastIndex((l) => l.event === 'end' && l.path === '/sync/applications/push');
    const firstMaterialRequest = log.findIndex((l) => l.event === 'start' && l.path.startsWith('/materials/'));
    expect(lastPushEnd).toBeGreaterThanOrEqual(0);
    expect(firstMaterialRequest).toBeGreaterThan(lastPushEnd);
    expect(log.filter((l) => l.event === 'start' && l.path === '/materials/have')).toHaveLength(1);

    for (const bytes of [idCard, licence]) {
      const stored = await gateway.store.materials.read(alice.userId, sha256Hex(bytes));
      expect(stored && sha256Hex(stored)).toBe(sha256Hex(bytes));
    }
    const items = (await db.materials.find().exec()).map((d) => d.toJSON());
    expect(items.every((item) => typeof item.uploadedAt === 'string')).toBe(true);
    expect(Object.values(transfer.scheduler.snapshot().items).map((i) => [i.state, i.sent === i.total])).toEqual([
      ['sent', true],
      ['sent', true],
    ]);
  });
});
