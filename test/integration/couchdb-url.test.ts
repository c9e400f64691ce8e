import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchRequestTarget } from '../../gateway/store/couch-request-target.js';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../gateway/store/embedded-couch.js';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

/**
 * The COUCHDB_URL path: the gateway gets only a URL and reaches the store over
 * HTTP through nano, as it would reach Apache CouchDB. A separately started
 * embedded server stands in for CouchDB.
 */
describe('a gateway given COUCHDB_URL', () => {
  const couchDir = mkdtempSync(join(tmpdir(), 'tongban-couch-'));
  let couch: EmbeddedCouch;
  let gateway: TestGateway;

  beforeAll(async () => {
    couch = await startEmbeddedCouch(couchDir);
    gateway = await startTestGateway({ couchUrl: couch.url, dbPrefix: 'tbx', seed: true });
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
    // Node's fetch refuses the credentials in couch.url: they go in a header.
    const { origin, headers } = couchRequestTarget(couch.url);
    const response = await fetch(`${origin}/_all_dbs`, { headers });
    const dbs = (await response.json()) as string[];
    expect(dbs).toEqual(expect.arrayContaining(['tbx_accounts', 'tbx_sessions', 'tbx_areas', 'tbx_guides_331123', 'tbx_registry', 'tbx_imports', `tbx_u_${account.userId}_applications`]));
    expect(dbs).not.toContain('tbx_guides');
    const stored = await (await fetch(`${origin}/tbx_u_${account.userId}_applications/${doc.id}`, { headers })).json();
    expect(stored).toMatchObject({ _id: doc.id, deleted: false, server: { owner: account.userId } });
  });
});
