import { LEASE_ID } from '../../gateway/store/couch-import-journal.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentStore, Store } from '../../gateway/store/store.js';
import { catalogueSnapshot, operatorToken, postGuideImport } from '../support/guide-import-client.js';
import { SAMPLE_AREAS, sampleGuideInput } from '../support/sample-guides.js';
import { dropTestDatabases } from '../support/test-store.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

/** A store whose `writeDocuments` throws on the n-th call once armed, as if CouchDB went away half way. */
function failingWrites(trap: { armed: boolean; failOnCall: number }) {
  return (store: Store): Store => {
    let calls = 0;
    const inner = store.documents;
    const documents: DocumentStore = {
      pullChanges: (...args) => inner.pullChanges(...args),
      readDocuments: (...args) => inner.readDocuments(...args),
      followChanges: (...args) => inner.followChanges(...args),
      listAreaPartitions: (...args) => inner.listAreaPartitions(...args),
      listAwaitingMaterials: (...args) => inner.listAwaitingMaterials(...args),
      listComplete: (...args) => inner.listComplete(...args),
      async writeDocuments(scope, docs) {
        if (trap.armed && ++calls === trap.failOnCall) throw new Error('injected store failure');
        return inner.writeDocuments(scope, docs);
      },
    };
    return { ...store, documents };
  };
}

async function journalStates(gateway: TestGateway): Promise<string[]> {
  const { rows } = await gateway.couch.use<{ state: string }>(gateway.dbNames.imports).list({ include_docs: true });
  // The import lease is a document of the same database, not an entry.
  return rows.filter((row) => row.id !== LEASE_ID).map((row) => row.doc!.state);
}

describe('guide imports across restarts', () => {
  const dirs: string[] = [];
  let gateway: TestGateway | undefined;

  function newDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-import-'));
    dirs.push(dir);
    return dir;
  }

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    for (const dir of dirs.splice(0)) {
      await dropTestDatabases(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should write nothing when a restart seeds the same catalogue again', async () => {
    const dataDir = newDataDir();
    gateway = await startTestGateway({ dataDir, seed: true });
    const before = await catalogueSnapshot(gateway);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([gateway.dbNames.areas, gateway.dbNames.guidesDb('331123'), gateway.dbNames.guidesDb('331124')]));
    expect(await journalStates(gateway)).toEqual(['applied']);
    await gateway.close();

    gateway = await startTestGateway({ dataDir, seed: true });
    expect(await catalogueSnapshot(gateway)).toEqual(before);
    expect(await journalStates(gateway)).toEqual(['applied']);
  });

  it('should roll an import interrupted half way forward when the gateway starts again', async () => {
    const dataDir = newDataDir();
    const trap = { armed: false, failOnCall: 2 };
    gateway = await startTestGateway({ dataDir, wrapStore: failingWrites(trap) });
    const token = await operatorToken(gateway);
    expect((await postGuideImport(gateway, token, { areas: SAMPLE_AREAS })).status).toBe(200);

    // Two areas: the first database is written, the second write fails.
    const file = { guides: [sampleGuideInput('guide-331123-half-0001', '331123'), sampleGuideInput('guide-331124-half-0001', '331124')] };
    trap.armed = true;
    const failed = await postGuideImport(gateway, token, file);
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ code: 'INTERNAL' });
    const device = createSyncHttpClient(gateway.url);
    expect((await device.pull('guides', undefined, 50, '331123')).body.documents.map((g) => g.id)).toEqual(['guide-331123-half-0001']);
    expect((await device.pull('guides', undefined, 50, '331124')).body.documents).toEqual([]);
    expect(await journalStates(gateway)).toEqual(expect.arrayContaining(['applying']));
    await gateway.close();

    gateway = await startTestGateway({ dataDir });
    const after = createSyncHttpClient(gateway.url);
    expect((await after.pull('guides', undefined, 50, '331124')).body.documents).toEqual([expect.objectContaining({ id: 'guide-331124-half-0001', version: 1, _deleted: false })]);
    expect((await after.pull('guides', undefined, 50, '331123')).body.documents).toEqual([expect.objectContaining({ id: 'guide-331123-half-0001', version: 1 })]);
    expect(await journalStates(gateway)).not.toContain('applying');
    // Importing the same file again finds everything in place.
    const again = await postGuideImport(gateway, await operatorToken(gateway), file);
    expect(again.body).toMatchObject({ created: [], updated: [], unchanged: ['guide-331123-half-0001', 'guide-331124-half-0001'] });
  });
});
