import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nano from 'nano';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';
import { startTestCouch, type TestCouch } from '../support/test-store.js';

/**
 * The COUCHDB_URL path: the gateway gets only a URL and reaches the store over
 * HTTP through nano, as it would reach Apache CouchDB: the test store
 * (TEST_COUCHDB_URL, or the embedded server behind the strict proxy, whose
 * URL carries admin credentials as a production COUCHDB_URL does).
 */
describe('a gateway given COUCHDB_URL', () => {
  const couchDir = mkdtempSync(join(tmpdir(), 'tongban-couch-'));
  let couch: TestCouch;
  let gateway: TestGateway;

  beforeAll(async () => {
    couch = await startTestCouch({ dataDir: couchDir, dbPrefix: 'tbx' });
    gateway = await startTestGateway({ couchUrl: couch.url, dbPrefix: couch.dbPrefix, seed: true });
  });

  afterAll(async () => {
    await gateway?.close();
    await couch?.close();
    rmSync(couchDir, { recursive: true, force: true });
  });

  it('should keep its databases in that CouchDB under the configured prefix', async () => {
    const account = await gateway.createAccount();
    const client = createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password));
    const doc = sampleApplication(newDocumentId());
    expect((await client.push('applications', [{ newDocumentState: doc }])).body).toEqual({ conflicts: [], errors: [] });
    const server = nano({ url: couch.url });
    const p = couch.dbPrefix;
    const dbs = await server.db.list();
    expect(dbs).toEqual(
      expect.arrayContaining([`${p}_accounts`, `${p}_sessions`, `${p}_areas`, `${p}_guides_331123`, `${p}_registry`, `${p}_imports`, `${p}_u_${account.userId}_applications`]),
    );
    expect(dbs).not.toContain(`${p}_guides`);
    const stored = await server.use(`${p}_u_${account.userId}_applications`).get(doc.id);
    expect(stored).toMatchObject({ _id: doc.id, deleted: false, server: { owner: account.userId } });
  });
});
