import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../sync-protocol/index.js';
import { inspectablePhones } from '../pwa/src/db/test-database.js';
import { createLockerMaterialSource } from '../pwa/src/db/locker-material-source.js';
import { putMaterial } from '../pwa/src/db/locker.js';
import { createLockerReader } from './locker-reader.js';

const AT = '2026-11-26T03:00:00.000Z';
const jpeg = (seed: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, seed, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' });

function application(id: string, lifecycle: ApplicationDoc['lifecycle'], hashes: string[]): ApplicationDoc {
  return {
    id, guideId: 'guide-0001', guideVersion: 1, guideName: '个体工商户设立登记', applicant: { name: '王秀英' }, form: {}, lifecycle,
    createdAt: AT, updatedAt: AT,
    materials: [{ key: 'id-card', name: '居民身份证', pages: hashes.map((sha256) => ({ sha256, bytes: 9, contentType: 'image/jpeg' as const })) }],
  };
}

/**
 * The service worker reads RxDB's tables without RxDB: these tests write
 * through RxDB (the app's own locker code) and read with the worker's reader,
 * so a change of RxDB's storage layout fails here, not on a phone.
 */
describe('createLockerReader', () => {
  const phones = inspectablePhones();
  afterEach(() => phones.closeAll());
  const phone = () => phones.open('u-alice');

  it('should find the same unsent photos as the app, with their bytes and type', async () => {
    const { db, indexedDB, name } = await phone();
    const sent = await putMaterial(db, { blob: jpeg(1), meta: { kind: 'photo', label: '身份证' }, at: AT });
    const unsent = await putMaterial(db, { blob: jpeg(2), meta: { kind: 'photo', label: '营业执照' }, at: AT });
    const draftOnly = await putMaterial(db, { blob: jpeg(3), meta: { kind: 'photo', label: '草稿' }, at: AT });
    const signature = await putMaterial(db, { blob: new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7])], { type: 'image/png' }), meta: { kind: 'signature', label: '签名' }, at: AT });
    const inserted = await db.applications.bulkInsert([
      application('app-00000001', 'submitted', [sent.sha256, unsent.sha256, signature.sha256]),
      application('app-00000002', 'draft', [draftOnly.sha256]),
    ]);
    expect(inserted.error).toEqual([]);
    const app = createLockerMaterialSource(db);
    await app.markUploaded(sent.sha256);

    const reader = createLockerReader('u-alice', indexedDB, name);
    const expected = (await app.unsent()).sort();
    expect(expected).toEqual([unsent.sha256, signature.sha256].sort());
    expect((await reader.unsent()).sort()).toEqual(expected);
    const blob = await reader.blob(signature.sha256);
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 7]));
    expect(await reader.blob('f'.repeat(64))).toBeNull();
  });

  it('should leave out deleted applications and find nothing for a person without a database', async () => {
    const { db, indexedDB, name } = await phone();
    const photo = await putMaterial(db, { blob: jpeg(4), meta: { kind: 'photo', label: '身份证' }, at: AT });
    const [doc] = (await db.applications.bulkInsert([application('app-00000003', 'submitted', [photo.sha256])])).success;
    expect(await createLockerReader('u-alice', indexedDB, name).unsent()).toEqual([photo.sha256]);
    await doc.remove();
    expect(await createLockerReader('u-alice', indexedDB, name).unsent()).toEqual([]);
    expect(await createLockerReader('u-nobody', indexedDB, name).unsent()).toEqual([]);
    expect((await indexedDB.databases()).some((d) => d.name?.includes('u-nobody'))).toBe(false);
  });
});
