import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../sync-protocol/index.js';
import { createIdbUrlStorage, forgetUploads } from '../../device-core/transfer/idb-url-storage.js';
import type { MaterialSource } from '../../device-core/transfer/material-source.js';
import { createMemoryMaterialSource } from '../support/memory-material-source.js';
import { openTransferStore, UPLOADS_STORE, type TransferStore } from '../../device-core/transfer/transfer-store.js';
import { createTransferScheduler, type TransferScheduler } from '../../device-core/transfer/transfer-scheduler.js';
import { createTusMaterialGateway } from '../../device-core/transfer/tus-material-gateway.js';
import { startLinkSimulator, type LinkSimulator } from '../support/link-simulator.js';
import { patchUpload, seededBytes, seededRandom, sha256Hex, uploadsUrl } from '../support/material-transfer.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * The device's transfer scheduler with its real edges (tus-js-client over
 * fetch, upload URLs in IndexedDB) against a real gateway, through a proxy
 * that drops connections.
 */
describe('the device sending materials to a real gateway', () => {
  let gateway: TestGateway | undefined;
  const proxies: LinkSimulator[] = [];
  const schedulers: TransferScheduler[] = [];

  afterEach(async () => {
    for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    for (const proxy of proxies.splice(0)) await proxy.close();
    await gateway?.close();
    gateway = undefined;
  });

  async function device(baseUrl: string, userId: string, token: string | (() => string), source: MaterialSource, deviceFetch?: typeof fetch, phoneStore?: TransferStore) {
    const store = phoneStore ?? (await openTransferStore(new IDBFactory()));
    const getToken = typeof token === 'string' ? () => token : token;
    const materials = createTusMaterialGateway({ baseUrl, userId, getToken, urlStorage: createIdbUrlStorage(store), fetch: deviceFetch });
    // Retries at once (random 0): the test waits on conditions, never on time.
    const scheduler = createTransferScheduler({ source, gateway: materials, documentsSent: async () => {}, backoff: { random: () => 0 } });
    schedulers.push(scheduler);
    return { scheduler, store };
  }

  /** A phone holding one photo of `size` seeded bytes, not yet sent. */
  function onePhoto(size: number, seed: number) {
    const bytes = seededBytes(size, seed);
    const sha256 = sha256Hex(bytes);
    const source = createMemoryMaterialSource(new Map([[sha256, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' })]]));
    return { bytes, sha256, source };
  }

  async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    await vi.waitFor(
      async () => {
        if (!(await condition())) throw new Error('condition not met in time');
      },
      { timeout: timeoutMs, interval: 20 },
    );
  }

  it('should resume an upload cut 6 times mid-file, re-sending at most one chunk per reset', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    // The same size over a clean link is the baseline: what headers, HEADs and `have` cost.
    const clean = await startLinkSimulator({ targetPort: gateway.port, cutFor: () => null });
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
    const proxy: LinkSimulator = await startLinkSimulator({
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
    console.info(
      `device resume: ${RESETS} resets, ${proxy.bytes.upstream} bytes up vs ${clean.bytes.upstream} on a clean link: ${resent} re-sent, ${Math.round(resent / RESETS)} per reset (chunk ${MATERIAL_CHUNK_BYTES})`,
    );
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

  /** Requests the device made, by method and upload id; `beforePatch` runs before the n-th PATCH (1-based) goes out. */
  function watchedFetch(beforePatch: (n: number, uploadId: string) => Promise<void>) {
    const requests: string[] = [];
    let patches = 0;
    const watched: typeof fetch = async (input, init) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      requests.push(`${method} ${url.split('/').pop()}`);
      if (method === 'PATCH') await beforePatch((patches += 1), url.split('/').pop()!);
      return fetch(input, init);
    };
    return { fetch: watched, requests, posts: () => requests.filter((r) => r === 'POST uploads').length };
  }

  /** What the gateway's sweep does to an upload kept past its expiry: record and bytes gone (HEAD and PATCH answer 404). */
  async function sweepUpload(uploadId: string): Promise<void> {
    const dir = join(gateway!.dataDir, 'uploads');
    expect(await readdir(dir)).toContain(uploadId);
    await rm(join(dir, uploadId));
    await rm(join(dir, `${uploadId}.json`));
  }

  /** An upload whose bytes are gone but whose record stays (as after it was stored): PATCH answers 410. */
  async function dropUploadBytes(uploadId: string): Promise<void> {
    await rm(join(gateway!.dataDir, 'uploads', uploadId));
  }

  it.each([
    ['swept by the gateway (404 NOT_FOUND)', sweepUpload, 404],
    ['gone from the gateway (410 UPLOAD_GONE)', dropUploadBytes, 410],
  ] as const)('should start a new upload from byte 0 when its upload was %s between two chunks, and deliver the material once', async (_name, lose, status) => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const { sha256, source } = onePhoto(300_000, 204);
    const statuses: number[] = [];
    const watched = watchedFetch(async (n, uploadId) => {
      if (n === 2) await lose(uploadId);
    });
    const answered: typeof fetch = async (input, init) => {
      const response = await watched.fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const { scheduler, store } = await device(gateway.url, alice.userId, token, source, answered);

    scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256) || scheduler.snapshot().items[sha256]?.state === 'failed');

    expect(statuses).toContain(status);
    expect(source.uploaded.has(sha256)).toBe(true);
    expect(watched.posts()).toBe(2);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
    expect((await gateway.store.materials.findHeld(alice.userId, [sha256])).size).toBe(1);
    expect(await store.getAll(UPLOADS_STORE)).toEqual([]);
  });

  it('should ask HEAD where the upload stands after an offset conflict (409) and resume from there, not from byte 0', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const { bytes, sha256, source } = onePhoto(300_000, 205);
    const chunk = MATERIAL_CHUNK_BYTES;
    // Before the device's second chunk, the same chunk lands from an earlier connection the device gave up on:
    // the gateway's offset moves past the one the device sends.
    const watched = watchedFetch(async (n, uploadId) => {
      if (n !== 2) return;
      const late = await patchUpload(`${uploadsUrl(gateway!.url)}/${uploadId}`, token, chunk, bytes.subarray(chunk, 2 * chunk));
      expect(late.status).toBe(204);
    });
    const { scheduler } = await device(gateway.url, alice.userId, token, source, watched.fetch);

    scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256) || scheduler.snapshot().items[sha256]?.state === 'failed');

    expect(source.uploaded.has(sha256)).toBe(true);
    expect(watched.posts()).toBe(1);
    const afterConflict = watched.requests.slice(watched.requests.findIndex((r) => r.startsWith('HEAD')));
    expect(afterConflict[0]).toMatch(/^HEAD /);
    // 300 000 bytes in 64 KiB chunks: 5 PATCHes in all, the conflicting one, none again from byte 0.
    expect(watched.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(Math.ceil(bytes.length / chunk));
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
  });

  it('should start a new upload when the stored upload URL points to one the gateway no longer has', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const { bytes, sha256, source } = onePhoto(100_000, 206);
    const watched = watchedFetch(async () => {});
    const { scheduler, store } = await device(gateway.url, alice.userId, token, source, watched.fetch);
    // What a phone kept from an upload swept a week ago.
    const storage = createIdbUrlStorage(store);
    const fingerprint = `tongban-material:${alice.userId}:${sha256}`;
    await storage.addUpload(fingerprint, {
      size: bytes.length,
      metadata: {},
      creationTime: new Date().toISOString(),
      uploadUrl: `${uploadsUrl(gateway.url)}/${'0'.repeat(32)}`,
    } as never);

    scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256) || scheduler.snapshot().items[sha256]?.state === 'failed');

    expect(source.uploaded.has(sha256)).toBe(true);
    expect(watched.requests).toContain(`HEAD ${'0'.repeat(32)}`);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
    await forgetUploads(storage, fingerprint);
    expect(await store.getAll(UPLOADS_STORE)).toEqual([]);
  });

  it('should keep where an upload stands when the session ended meanwhile, and resume it from there after signing in again', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const { bytes, sha256, source } = onePhoto(300_000, 207);
    let token = await gateway.signIn(alice.login, alice.password);
    // Two chunks arrive; the connection drops before the third, and by the time the device tries again its
    // session has ended: the upload's HEAD is answered 401.
    const watched = watchedFetch(async (n) => {
      if (n !== 3) return;
      token = 'a-session-that-ended';
      throw new TypeError('connection reset');
    });
    const statuses: string[] = [];
    const answered: typeof fetch = async (input, init) => {
      const response = await watched.fetch(input, init);
      statuses.push(`${init?.method ?? 'GET'} ${response.status}`);
      return response;
    };
    const first = await device(gateway.url, alice.userId, () => token, source, answered);
    first.scheduler.kick();
    await waitFor(() => first.scheduler.snapshot().status === 'needs-sign-in');
    expect(statuses).toContain('HEAD 401');
    // The phone still knows where the upload stands.
    expect(await first.store.getAll(UPLOADS_STORE)).toHaveLength(1);

    // Signed in again, the app starts a new transfer on the same phone: it resumes at byte 2 × 64 KiB.
    token = await gateway.signIn(alice.login, alice.password);
    const again = await device(gateway.url, alice.userId, () => token, source, answered, first.store);
    again.scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256) || again.scheduler.snapshot().items[sha256]?.state === 'failed');

    expect(source.uploaded.has(sha256)).toBe(true);
    expect(watched.posts()).toBe(1);
    // 5 chunks of 64 KiB in all, plus the one the dropped connection never carried: none sent twice.
    expect(watched.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(Math.ceil(bytes.length / MATERIAL_CHUNK_BYTES) + 1);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
    expect(await first.store.getAll(UPLOADS_STORE)).toEqual([]);
  });

  it('should keep where an upload stands when a proxy answers its HEAD with 503, and resume it from there', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const { bytes, sha256, source } = onePhoto(300_000, 208);
    const watched = watchedFetch(async (n) => {
      if (n === 3) throw new TypeError('connection reset');
    });
    let heads = 0;
    // The county's proxy, overloaded, answers the first HEAD itself.
    const overloaded: typeof fetch = async (input, init) => {
      if (init?.method === 'HEAD' && (heads += 1) === 1) return new Response('Service Unavailable', { status: 503 });
      return watched.fetch(input, init);
    };
    const { scheduler } = await device(gateway.url, alice.userId, token, source, overloaded);

    scheduler.kick();
    await waitFor(() => source.uploaded.has(sha256) || scheduler.snapshot().items[sha256]?.state === 'failed');

    expect(heads).toBeGreaterThanOrEqual(2);
    expect(source.uploaded.has(sha256)).toBe(true);
    expect(watched.posts()).toBe(1);
    expect(watched.requests.filter((r) => r.startsWith('PATCH'))).toHaveLength(Math.ceil(bytes.length / MATERIAL_CHUNK_BYTES) + 1);
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
