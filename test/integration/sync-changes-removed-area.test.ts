import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

/**
 * An area a village device follows is removed at the gateway: the device's
 * "anything new?" still answers every other feed in one request, naming the
 * removed area's feed as unknown, instead of a 400 after which the device
 * pulls every feed.
 */
describe('POST /v1/sync/changes after an area is removed at the gateway', () => {
  let gateway: TestGateway;
  const REMOVED = '331123103';

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true });
  });

  afterAll(() => gateway.close());

  it('should name the removed area as an unknown feed and answer the others', async () => {
    const device = createSyncHttpClient(gateway.url);
    const county = await device.pull('guides', undefined, 200, '331123');
    const village = await device.pull('guides', undefined, 200, REMOVED);
    const areas = await device.pull('areas', undefined, 200);
    expect([county.status, village.status, areas.status]).toEqual([200, 200, 200]);

    // Removed as the gateway removes what it published: a tombstone that replicates.
    const stored = (await gateway.store.documents.readDocuments({ collection: 'areas' }, [REMOVED])).get(REMOVED)!;
    expect(await gateway.store.documents.writeDocuments({ collection: 'areas' }, [{ ...stored, deleted: true }])).toMatchObject([{ ok: true }]);

    const answer = await device.changes([
      { collection: 'guides', area: '331123', since: county.body.checkpoint.seq },
      { collection: 'guides', area: REMOVED, since: village.body.checkpoint.seq },
      { collection: 'areas', since: areas.body.checkpoint.seq },
    ]);
    // The areas feed changed (the removal), the county did not, the village feed no longer exists.
    expect(answer).toMatchObject({ status: 200, body: { changed: [2], unknown: [1] } });
    // Its pull is refused as before, naming the area.
    expect(await device.pull('guides', village.body.checkpoint, 200, REMOVED)).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', field: 'area' } });
  });
});
