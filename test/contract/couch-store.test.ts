import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../gateway/store/open-store.js';
import { startTestCouch } from '../support/test-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('Couch store (strict embedded store, or TEST_COUCHDB_URL)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-store-contract-'));
  const couch = await startTestCouch({ dataDir });
  const store = await openStore({ couchUrl: couch.url, dbPrefix: couch.dbPrefix, dataDir });
  return {
    stores: store,
    async close() {
      await store.close();
      await couch.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
