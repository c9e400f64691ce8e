import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencedMaterials, type ApplicationDoc, type MaterialPage } from '../../sync-protocol/index.js';
import { isApplicationComplete } from '../../gateway/commands/is-application-complete.js';
import { seededBytes, sha256Hex, uploadMaterial } from '../support/material-transfer.js';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

function page(bytes: Buffer, contentType: MaterialPage['contentType'] = 'image/jpeg'): MaterialPage {
  return { sha256: sha256Hex(bytes), bytes: bytes.length, contentType };
}

describe('application completeness at the gateway', () => {
  let gateway: TestGateway;
  let token: string;
  let userId: string;
  let client: SyncHttpClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    userId = alice.userId;
    token = await gateway.signIn(alice.login, alice.password);
    client = createSyncHttpClient(gateway.url, token);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function serverStamp(id: string): Promise<{ completeAt?: string; receivedAt?: string } | undefined> {
    const { documents } = (await client.pull('applications', undefined, 200)).body;
    return (documents.find((doc) => doc.id === id) as ApplicationDoc | undefined)?.server;
  }

  function complete(applicationId: string) {
    return isApplicationComplete({ documents: gateway.store.documents, materials: gateway.store.materials }, { userId, applicationId });
  }

  /** What a device does for one application: ask which materials the gateway holds, upload the others. */
  async function sendMaterials(app: ApplicationDoc, blobs: Map<string, Buffer>): Promise<number> {
    const wanted = referencedMaterials(app);
    const response = await fetch(`${gateway.url}/v1/materials/have`, { method: 'POST', headers: gateway.headers(token), body: JSON.stringify({ sha256: wanted }) });
    const { have } = (await response.json()) as { have: string[] };
    const missing = wanted.filter((sha256) => !have.includes(sha256));
    for (const sha256 of missing) await uploadMaterial(gateway.url, token, blobs.get(sha256)!);
    return missing.length;
  }

  it('should stamp completeAt only once the last referenced material has arrived', async () => {
    const idCard = seededBytes(120_000, 11);
    const licence = seededBytes(90_000, 12);
    const signature = seededBytes(5_000, 13);
    const app = sampleApplication(newDocumentId(), {
      materials: [
        { key: 'id-card', name: '身份证', pages: [page(idCard), page(licence)] },
        { key: 'lease', name: '租赁合同', pages: [], waived: true },
      ],
      commitment: { waivedKeys: ['lease'], text: '本人承诺在三十日内补交租赁合同。', signature: page(signature, 'image/png'), signedAt: '2026-11-20T08:00:00.000Z' },
    });
    expect((await client.push('applications', [{ newDocumentState: app }])).body).toEqual({ conflicts: [], errors: [] });
    expect((await serverStamp(app.id))?.completeAt).toBeUndefined();

    await uploadMaterial(gateway.url, token, idCard);
    await uploadMaterial(gateway.url, token, licence);
    expect((await serverStamp(app.id))?.completeAt).toBeUndefined();
    expect(await complete(app.id)).toBe(false);

    await uploadMaterial(gateway.url, token, signature, { contentType: 'image/png' });
    const stamp = await serverStamp(app.id);
    expect(stamp?.completeAt).toEqual(expect.any(String));
    expect(Date.parse(stamp!.completeAt!)).toBeGreaterThanOrEqual(Date.parse(stamp!.receivedAt!));
    expect(await complete(app.id)).toBe(true);
  });

  it('should stamp completeAt at push when every material is already there', async () => {
    const photo = seededBytes(60_000, 14);
    await uploadMaterial(gateway.url, token, photo);
    const app = sampleApplication(newDocumentId(), { materials: [{ key: 'photo', name: '照片', pages: [page(photo)] }] });
    await client.push('applications', [{ newDocumentState: app }]);
    expect((await serverStamp(app.id))?.completeAt).toEqual(expect.any(String));
  });

  it('should drop completeAt when an edit refers to a material that has not arrived', async () => {
    const photo = seededBytes(30_000, 15);
    const later = seededBytes(30_000, 16);
    await uploadMaterial(gateway.url, token, photo);
    const first = sampleApplication(newDocumentId(), { materials: [{ key: 'photo', name: '照片', pages: [page(photo)] }] });
    await client.push('applications', [{ newDocumentState: first }]);
    expect((await serverStamp(first.id))?.completeAt).toEqual(expect.any(String));
    const edited = { ...first, materials: [{ key: 'photo', name: '照片', pages: [page(photo), page(later)] }] };
    await client.push('applications', [{ assumedMasterState: first, newDocumentState: edited }]);
    expect((await serverStamp(first.id))?.completeAt).toBeUndefined();
    expect(await complete(first.id)).toBe(false);
  });

  it('should upload a material referenced by three applications once, and complete all three', async () => {
    const householdRegister = seededBytes(200_000, 17);
    const blobs = new Map([[sha256Hex(householdRegister), householdRegister]]);
    const apps = [1, 2, 3].map(
      () => sampleApplication(newDocumentId(), { materials: [{ key: 'hukou', name: '户口簿', pages: [page(householdRegister)] }] }) as unknown as ApplicationDoc,
    );
    await client.push(
      'applications',
      apps.map((app) => ({ newDocumentState: app as never })),
    );

    let uploads = 0;
    for (const app of apps) uploads += await sendMaterials(app, blobs);
    expect(uploads).toBe(1);
    for (const app of apps) {
      expect((await serverStamp(app.id))?.completeAt).toEqual(expect.any(String));
      expect(await complete(app.id)).toBe(true);
    }
  });

  it('should never count a deleted application as complete', async () => {
    const app = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: app }]);
    expect(await complete(app.id)).toBe(true);
    await client.push('applications', [{ assumedMasterState: app, newDocumentState: { ...app, _deleted: true } }]);
    expect(await complete(app.id)).toBe(false);
  });
});
