import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../sync-protocol/index.js';
import { createIdbUrlStorage } from '../../pwa/src/transfer/idb-url-storage.js';
import { createMemoryMaterialSource, type MaterialSource } from '../../pwa/src/transfer/material-source.js';
import { openTransferStore, UPLOADS_STORE } from '../../pwa/src/transfer/transfer-store.js';
import { createTransferScheduler, type TransferScheduler } from '../../pwa/src/transfer/transfer-scheduler.js';
import { createTusMaterialGateway } from '../../pwa/src/transfer/tus-material-gateway.js';
import { startFlakyProxy, type FlakyProxy } from '../support/flaky-proxy.js';
import { seededBytes, seededRandom, sha256Hex } from '../support/material-transfer.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * The device's transfer scheduler with its real edges (tus-js-client over
 * fetch, upload URLs in IndexedDB) against a real gateway, through a proxy
 * that drops connections.
 */
describe('the device sending materials to a real gateway', () => {
  let gateway: TestGateway | undefined;
  const proxies: FlakyProxy[] = [];
  const schedulers: TransferScheduler[] = [];

  afterEach(async () => {
    for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    for (const proxy of proxies.splice(0)) await proxy.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function device(baseUrl: string, userId: string, token: string, source: MaterialSource) {
    const store = await openTransferStore(new IDBFactory());
    const materials = createTusMaterialGateway({ baseUrl, userId, getToken: () => token, urlStorage: createIdbUrlStorage(store) });
    // Retries at once (random 0): the test waits on conditions, never on time.
    const scheduler = createTransferScheduler({ source, gateway: materials, documentsSent: async () => {}, backoff: { random: () => 0 } });
    schedulers.push(scheduler);
    return { scheduler, store };
  }

  async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('should resume an upload cut 6 times mid-file, re-sending at most one chunk per reset', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    // The same size over a clean link is the baseline: what headers, HEADs and `have` cost.
    const clean = await startFlakyProxy({ targetPort: gateway.port, cutFor: () => null });
    proxies.push(clean);
    const baseline = seededBytes(1_500_000, 200);
    const baselineSource = createMemoryMaterialSource(new Map([[sha256Hex(baseline), new Blob([new Uint8Array(baseline)], { type: 'image/jpeg' })]]));
    (await device(clean.url, alice.userId, token, baselineSource)).scheduler.kick();
    await waitFor(() => baselineSource.uploaded.size === 1);

    const bytes = seededBytes(1_500_000, 201);
    const sha256 = sha256Hex(bytes);
    const random = seededRandom(7);
    const RESETS = 6;
    const cuts = Array.from({ length: RESETS }, () => 5_000 + Math.floor(random() * 200_000));
    let proxy: FlakyProxy | undefined;
    proxy = await startFlakyProxy({
      targetPort: gateway.port,
      cutFor: () => ((proxy?.resets ?? 0) < RESETS ? { direction: 'upstream', afterBytes: cuts[proxy?.resets ?? 0] } : null),
    });
    proxies.push(proxy);
    const source = createMemoryMaterialSource(new Map([[sha256, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' })]]));
    const { scheduler, store } = await device(proxy.url, alice.userId, token, source);

    scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256));

    expect(proxy.resets).toBe(RESETS);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
    const resent = proxy.bytes.upstream - clean.bytes.upstream;
    console.info(`device resume: ${RESETS} resets, ${proxy.bytes.upstream} bytes up vs ${clean.bytes.upstream} on a clean link: ${resent} re-sent, ${Math.round(resent / RESETS)} per reset (chunk ${MATERIAL_CHUNK_BYTES})`);
    expect(resent).toBeLessThanOrEqual(RESETS * MATERIAL_CHUNK_BYTES);
    // Done uploads leave no stored URL behind.
    expect(await store.getAll(UPLOADS_STORE)).toEqual([]);
  });

  it('should send a material again from the start when the gateway received other bytes (460), and not before it matched', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const bytes = seededBytes(200_000, 202);
    const sha256 = sha256Hex(bytes);
    const corrupted = Buffer.from(bytes);
    corrupted[150_000] ^= 0xff;
    // The first read of the locker gives damaged bytes (a flash-storage error), the second the right ones.
    let reads = 0;
    const good = createMemoryMaterialSource(new Map([[sha256, new Blob([new Uint8Array(bytes)])]]));
    const source: MaterialSource = { ...good, blob: async () => new Blob([new Uint8Array((reads += 1) === 1 ? corrupted : bytes)], { type: 'image/jpeg' }) };
    const { scheduler } = await device(gateway.url, alice.userId, token, source);

    scheduler.kick();
    await waitFor(() => good.uploaded.has(sha256));
    expect(reads).toBe(2);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored?.equals(bytes)).toBe(true);
  });

  it('should stop on an expired token without storing anything', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const bytes = seededBytes(10_000, 203);
    const source = createMemoryMaterialSource(new Map([[sha256Hex(bytes), new Blob([new Uint8Array(bytes)])]]));
    const { scheduler } = await device(gateway.url, alice.userId, 'not-a-token', source);

    scheduler.kick();
    await scheduler.settled();
    expect(scheduler.snapshot().status).toBe('needs-sign-in');
    expect(source.uploaded.size).toBe(0);
  });
});
