import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { createOutgoingMaterialSource, readOutgoingApplications } from '../../../device-core/outgoing/outgoing.js';
import { openTransferStore, type TransferStore } from '../../../device-core/transfer/transfer-store.js';
import { createLockerMaterialSource } from './locker-material-source.js';
import { putMaterial } from './locker.js';
import { mirrorOutgoing, startOutgoingMirror } from './outgoing-mirror.js';
import { clearSyncIssue, recordSyncIssues } from './sync-issues.js';
import { inspectablePhones } from './test-database.js';

const AT = '2026-11-26T03:00:00.000Z';
const jpeg = (seed: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, seed, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' });

function application(id: string, lifecycle: ApplicationDoc['lifecycle'], extra: Partial<ApplicationDoc> = {}): ApplicationDoc {
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: { shopName: '王秀英小吃店' },
    lifecycle,
    createdAt: AT,
    updatedAt: AT,
    ...(lifecycle === 'submitted' ? { submittedAt: AT } : {}),
    ...extra,
  };
}

const withPages = (hashes: string[]): Partial<ApplicationDoc> => ({
  materials: [{ key: 'id-card', name: '居民身份证', pages: hashes.map((sha256) => ({ sha256, bytes: 9, contentType: 'image/jpeg' as const })) }],
});

/** Written through RxDB, read the way the service worker reads (device-core/outgoing): nothing of RxDB's layout crosses. */
describe('mirrorOutgoing', () => {
  const phones = inspectablePhones();
  let store: TransferStore | undefined;
  afterEach(async () => {
    store?.close();
    store = undefined;
    await phones.closeAll();
  });
  const phone = async () => {
    store = await openTransferStore(new IDBFactory());
    return { ...(await phones.open('u-alice')), store };
  };

  it('should hand over the submitted applications the gateway never acknowledged, as RxDB pushes them, without storage fields', async () => {
    const { db, store } = await phone();
    const inserted = await db.applications.bulkInsert([
      application('app-00000011', 'submitted'),
      application('app-00000012', 'draft'),
      application('app-00000013', 'submitted', { server: { receivedAt: AT } }),
      application('app-00000014', 'submitted'),
    ]);
    expect(inserted.error).toEqual([]);
    await inserted.success.find((d) => d.id === 'app-00000014')!.remove();

    await mirrorOutgoing(db, 'u-alice', store);
    const unsent = await readOutgoingApplications(store, 'u-alice');
    const filed = (await db.applications.findOne('app-00000011').exec())!.toJSON();
    expect(unsent).toEqual([{ ...filed, _deleted: false }]);
    expect(Object.keys(unsent[0]).filter((key) => key.startsWith('_'))).toEqual(['_deleted']);
  });

  it('should leave out an application the gateway refused as it stands, until the person edits it', async () => {
    const { db, store } = await phone();
    await db.applications.bulkInsert([application('app-00000021', 'submitted'), application('app-00000022', 'submitted')]);
    await recordSyncIssues(db, 'applications', [{ id: 'app-00000021', code: 'DOCUMENT_INVALID', message: '缺少必需材料', field: 'materials' }]);
    // An issue of another collection with the same id changes nothing.
    await recordSyncIssues(db, 'statuses', [{ id: 'app-00000022', code: 'DOCUMENT_INVALID', message: 'x' }]);
    await mirrorOutgoing(db, 'u-alice', store);
    expect((await readOutgoingApplications(store, 'u-alice')).map((d) => d.id)).toEqual(['app-00000022']);

    await clearSyncIssue(db, 'applications', 'app-00000021');
    await mirrorOutgoing(db, 'u-alice', store);
    expect((await readOutgoingApplications(store, 'u-alice')).map((d) => d.id).sort()).toEqual(['app-00000021', 'app-00000022']);
  });

  it('should hand over the same unsent photos as the app, with their bytes and type, and none of deleted applications', async () => {
    const { db, store } = await phone();
    const sent = await putMaterial(db, { blob: jpeg(1), meta: { kind: 'photo', label: '身份证' }, at: AT });
    const unsent = await putMaterial(db, { blob: jpeg(2), meta: { kind: 'photo', label: '营业执照' }, at: AT });
    const draftOnly = await putMaterial(db, { blob: jpeg(3), meta: { kind: 'photo', label: '草稿' }, at: AT });
    const signature = await putMaterial(db, {
      blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7])], { type: 'image/png' }),
      meta: { kind: 'signature', label: '签名' },
      at: AT,
    });
    const inserted = await db.applications.bulkInsert([
      application('app-00000001', 'submitted', withPages([sent.sha256, unsent.sha256, signature.sha256])),
      application('app-00000002', 'draft', withPages([draftOnly.sha256])),
    ]);
    expect(inserted.error).toEqual([]);
    const app = createLockerMaterialSource(db);
    await app.markUploaded(sent.sha256);

    await mirrorOutgoing(db, 'u-alice', store);
    const worker = createOutgoingMaterialSource(store, 'u-alice');
    const expected = (await app.unsent()).sort();
    expect(expected).toEqual([unsent.sha256, signature.sha256].sort());
    expect((await worker.unsent()).sort()).toEqual(expected);
    const blob = await worker.blob(signature.sha256);
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7]));
    expect(await worker.blob('f'.repeat(64))).toBeNull();

    await inserted.success.find((d) => d.id === 'app-00000001')!.remove();
    await mirrorOutgoing(db, 'u-alice', store);
    expect(await worker.unsent()).toEqual([]);
    expect(await createOutgoingMaterialSource(store, 'u-nobody').unsent()).toEqual([]);
  });

  it('should follow the database: an application filed after the start is handed over, and gone once acknowledged', async () => {
    const { db, store } = await phone();
    const mirror = startOutgoingMirror(db, 'u-alice', store);
    try {
      const doc = await db.applications.insert(application('app-00000031', 'submitted'));
      await expect.poll(async () => (await readOutgoingApplications(store, 'u-alice')).map((d) => d.id)).toEqual(['app-00000031']);
      await doc.incrementalPatch({ server: { receivedAt: AT } });
      await expect.poll(async () => (await readOutgoingApplications(store, 'u-alice')).length).toBe(0);
    } finally {
      await mirror.stop();
    }
  });
});
