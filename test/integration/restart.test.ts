import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { dropTestDatabases } from '../support/test-store.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

describe('a gateway restart on the same data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-restart-'));
  let gateway: TestGateway | undefined;

  afterAll(async () => {
    await gateway?.close();
    await dropTestDatabases(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep accounts, sessions, documents and checkpoints', async () => {
    gateway = await startTestGateway({ dataDir, seed: true });
    const account = await gateway.createAccount('applicant');
    const token = await gateway.signIn(account.login, account.password);
    const doc = sampleApplication(newDocumentId());
    const client = createSyncHttpClient(gateway.url, token);
    await client.push('applications', [{ newDocumentState: doc }]);
    const { checkpoint } = (await client.pull('applications')).body;
    await gateway.close();

    gateway = await startTestGateway({ dataDir, seed: true });
    const again = createSyncHttpClient(gateway.url, token);
    const all = await again.pull('applications');
    expect(all.status).toBe(200);
    expect(all.body.documents).toEqual([expect.objectContaining({ id: doc.id, applicant: doc.applicant })]);
    expect((await again.pull('applications', checkpoint)).body.documents).toEqual([]);
    expect((await again.push('applications', [{ newDocumentState: doc }])).body).toEqual({ conflicts: [], errors: [] });
    expect(await gateway.signIn(account.login, account.password)).toBeTruthy();
    // Seeding again leaves the published guides alone.
    const guides = await again.pull('guides', undefined, 200, '331123');
    expect(guides.body.documents.length).toBeGreaterThan(0);
    expect(new Set(guides.body.documents.map((g) => g.id)).size).toBe(guides.body.documents.length);
  });
});
