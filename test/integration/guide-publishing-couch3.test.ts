import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorToken, postGuideImport } from '../support/guide-import-client.js';
import { SAMPLE_AREAS, sampleGuideInput } from '../support/sample-guides.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

const run = promisify(execFile);

/**
 * Publishing guides on a store that honours `_all_dbs?startkey=…&endkey=…`
 * (the strict proxy, or Apache CouchDB): when the gateway asked with keys
 * encoded twice, CouchDB answered no guides databases at all, so every
 * import rewrote guides at version 1, withdrawals were refused, a guide that
 * moved area stayed published in the old one, and the list without an area
 * was empty (issue 11).
 */
describe('guide publishing on Apache CouchDB semantics', () => {
  let gateway: TestGateway;
  let token: string;
  const guide = sampleGuideInput('guide-331123-move-0001', '331123', { name: '个体工商户设立登记' });

  beforeAll(async () => {
    gateway = await startTestGateway();
    token = await operatorToken(gateway);
    const first = await postGuideImport(gateway, token, { areas: SAMPLE_AREAS, guides: [guide] });
    expect(first.body).toMatchObject({ created: [guide.id] });
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const guidesIn = async (area: string) => (await createSyncHttpClient(gateway.url).pull('guides', undefined, 50, area)).body.documents;

  it('should find a published guide again: importing it twice keeps it unchanged, at its version', async () => {
    const again = await postGuideImport(gateway, token, { guides: [guide] });
    expect(again.body).toMatchObject({ created: [], unchanged: [guide.id] });
    const changed = await postGuideImport(gateway, token, { guides: [{ ...guide, fee: '工本费 5 元' }] });
    expect(changed.body).toMatchObject({ created: [], updated: [guide.id] });
    expect((await guidesIn('331123')).map((g) => [g.id, g.version])).toEqual([[guide.id, 2]]);
  });

  it('should withdraw a guide that moved area from the area it left', async () => {
    const moved = await postGuideImport(gateway, token, { guides: [{ ...guide, fee: '工本费 5 元', areaCode: '331124' }] });
    expect(moved.body).toMatchObject({ created: [], updated: [guide.id] });
    expect((await guidesIn('331123')).map((g) => [g.id, g._deleted])).toEqual([[guide.id, true]]);
    const arrived = await guidesIn('331124');
    expect(arrived.map((g) => [g.id, g._deleted])).toEqual([[guide.id, false]]);
    expect(arrived[0].version).toBeGreaterThan(2);
  });

  it('should list every area’s guides in the operators’ CLI without an area', async () => {
    const env = { ...process.env, COUCHDB_URL: gateway.couchUrl, TB_DB_PREFIX: gateway.dbPrefix, TB_DATA_DIR: gateway.dataDir, LOG_LEVEL: 'silent' };
    const listed = await run(process.execPath, ['--import', 'tsx', 'gateway/bin/guides.ts', 'list'], { env });
    const lines = listed.stdout.split('\n').filter((line) => line.includes(guide.id));
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith('331123'))).toContain('[withdrawn]');
    expect(lines.find((line) => line.startsWith('331124'))).not.toContain('[withdrawn]');
  });

  it('should withdraw a published guide', async () => {
    const withdrawn = await postGuideImport(gateway, token, { withdraw: [guide.id] });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ withdrawn: [guide.id] });
    expect((await guidesIn('331124')).map((g) => [g.id, g._deleted])).toEqual([[guide.id, true]]);
  });
});
