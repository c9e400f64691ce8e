import { afterEach, describe, expect, it } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../sync-protocol/index.js';
import { startLinkSimulator, type LinkSimulator } from '../support/link-simulator.js';
import { sha256Hex } from '../support/material-transfer.js';
import { makePhotos, uploadPhotos } from '../support/photo-uploads.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/** The 2G profile 50 times faster: the same bytes and resets, a few seconds of test. */
const TIME_SCALE = 50;

describe('photos over a 2G link that drops', () => {
  let gateway: TestGateway | undefined;
  const links: LinkSimulator[] = [];

  afterEach(async () => {
    for (const link of links.splice(0)) await link.close();
    await gateway?.close();
    gateway = undefined;
  });

  it('should deliver every photo intact, re-sending at most one chunk per reset', async () => {
    gateway = await startTestGateway();
    const photos = makePhotos(4, 300 * 1024, 7);
    const signIn = async () => {
      const account = await gateway!.createAccount('agent');
      return { userId: account.userId, token: await gateway!.signIn(account.login, account.password) };
    };
    const clean = await startLinkSimulator({ targetPort: gateway.port });
    const twoG = await startLinkSimulator({ targetPort: gateway.port, profile: '2g', seed: 11, timeScale: TIME_SCALE });
    links.push(clean, twoG);

    const reference = await signIn();
    expect((await uploadPhotos(clean.url, reference.token, photos, 'resumable')).arrived).toBe(photos.length);
    const agent = await signIn();
    const run = await uploadPhotos(twoG.url, agent.token, photos, 'resumable');

    expect(run.arrived).toBe(photos.length);
    // Seed 11 resets this traffic several times; a link that never dropped would prove nothing.
    expect(twoG.resets).toBeGreaterThanOrEqual(3);
    for (const photo of photos) {
      const stored = await gateway.store.materials.read(agent.userId, photo.sha256);
      expect(stored && sha256Hex(stored)).toBe(photo.sha256);
    }
    const resent = twoG.bytes.upstream - clean.bytes.upstream;
    expect(resent).toBeLessThanOrEqual(twoG.resets * MATERIAL_CHUNK_BYTES);
  });
});
