import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../sync-protocol/index.js';
import { startLinkSimulator, type LinkSimulator } from '../support/link-simulator.js';
import { createUpload, headUpload, patchUpload, seededBytes, seededRandom, sha256Hex, uploadMaterial } from '../support/material-transfer.js';
import { dropTestDatabases } from '../support/test-store.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

const MATERIAL_BYTES = 5 * 1024 * 1024;
const RESETS = 10;

describe('a material upload over a link that drops', () => {
  let gateway: TestGateway | undefined;
  const proxies: LinkSimulator[] = [];

  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
    await gateway?.close();
    gateway = undefined;
  });

  it('should arrive intact after 10 resets at random offsets, re-sending at most one chunk per reset', async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    const token = await gateway.signIn(alice.login, alice.password);
    const random = seededRandom(20261126);
    // Each of the first RESETS connections dies after a random number of request bytes.
    const cuts = Array.from({ length: RESETS }, () => 2_000 + Math.floor(random() * 400_000));

    // The same upload over a clean link is the baseline: what a perfect link costs.
    const clean = await startLinkSimulator({ targetPort: gateway.port, cutFor: () => null });
    proxies.push(clean);
    await uploadMaterial(clean.url, token, seededBytes(MATERIAL_BYTES, 101));

    // The next cut goes to every new connection until it has fired: a connection
    // that ends cleanly first (tus-js-client's HEAD after a reset) does not use it up.
    const nextCut = (resets: number) => (resets < RESETS ? { direction: 'upstream' as const, afterBytes: cuts[resets] } : null);
    const flaky: LinkSimulator = await startLinkSimulator({ targetPort: gateway.port, cutFor: () => nextCut(flaky?.resets ?? 0) });
    proxies.push(flaky);
    const bytes = seededBytes(MATERIAL_BYTES, 102);
    const sha256 = sha256Hex(bytes);
    await uploadMaterial(flaky.url, token, bytes);

    expect(flaky.resets).toBe(RESETS);
    const stored = await gateway.store.materials.read(alice.userId, sha256);
    expect(stored && sha256Hex(stored)).toBe(sha256);
    const resent = flaky.bytes.upstream - clean.bytes.upstream;
    console.info(
      `material resume: ${RESETS} resets, ${flaky.bytes.upstream} bytes up vs ${clean.bytes.upstream} on a clean link: ${resent} re-sent, ${Math.round(resent / RESETS)} per reset (chunk ${MATERIAL_CHUNK_BYTES})`,
    );
    expect(resent).toBeLessThanOrEqual(RESETS * MATERIAL_CHUNK_BYTES);
  });

  describe('across a gateway restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-upload-restart-'));

    afterAll(async () => {
      await dropTestDatabases(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('should resume from the offset HEAD reports after the gateway stopped mid-PATCH', async () => {
      gateway = await startTestGateway({ dataDir });
      const alice = await gateway.createAccount('applicant');
      const token = await gateway.signIn(alice.login, alice.password);
      const bytes = seededBytes(1024 * 1024, 103);
      const sha256 = sha256Hex(bytes);
      const created = await createUpload(gateway.url, token, { length: bytes.length, metadata: { sha256, contentType: 'image/jpeg' } });
      expect(created.status).toBe(201);
      const uploadPath = new URL(created.location!).pathname;

      // A PATCH that sends 300 000 bytes and then hangs: the gateway is stopped under it.
      const inFlight = new Promise<unknown>((resolve) => {
        const patch = request(created.location!, {
          method: 'PATCH',
          headers: { ...gateway!.headers(token), 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
        });
        patch.on('error', resolve).on('response', (response) => resolve(response.statusCode));
        patch.write(bytes.subarray(0, 300_000));
      });
      // Wait on the disk, not HEAD: a HEAD would take the upload's lock from the running PATCH.
      const partial = join(dataDir, 'uploads', uploadPath.split('/').pop()!);
      await waitFor(async () => statSync(partial, { throwIfNoEntry: false })?.size === 300_000);
      await gateway.close();
      expect(await inFlight).toBeInstanceOf(Error);

      gateway = await startTestGateway({ dataDir });
      const url = `${gateway.url}${uploadPath}`;
      const head = await headUpload(url, token);
      expect(head).toMatchObject({ status: 200, offset: 300_000, length: bytes.length });
      const rest = await patchUpload(url, token, head.offset!, bytes.subarray(head.offset!));
      expect(rest).toMatchObject({ status: 204, offset: bytes.length });
      const stored = await gateway.store.materials.read(alice.userId, sha256);
      expect(stored?.equals(bytes)).toBe(true);
      // The device that lost this last answer asks again and hears "done".
      expect(await headUpload(url, token)).toMatchObject({ status: 200, offset: bytes.length });
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error('condition not met in time');
    },
    { timeout: timeoutMs, interval: 20 },
  );
}
