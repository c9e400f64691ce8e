import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { sha256Hex } from '../media/sha256.js';
import type { UserDatabase } from './create-database.js';
import { getMaterialBlob, getMaterialThumbnail, LockerItemInUseError, lockerItems$, markUploaded, putMaterial, removeLockerItem, unsentMaterialHashes } from './locker.js';
import { applicationUsing, ID_CARD_META, tinyJpeg, useTestUser } from './locker-fixtures.js';

const jpeg = (seed: number) => tinyJpeg(seed);
const idCard = { ...ID_CARD_META, width: 1600, height: 1000 };
const application = applicationUsing;

async function insertAll(db: UserDatabase, apps: ApplicationDoc[]): Promise<void> {
  const { error } = await db.applications.bulkInsert(apps);
  expect(error).toEqual([]);
}

describe('material locker', () => {
  let db: UserDatabase;
  useTestUser((opened) => ({ db } = opened));

  it('should keep the same photo once, by its content hash', async () => {
    const first = await putMaterial(db, { blob: jpeg(1), thumbnail: jpeg(9), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const again = await putMaterial(db, { blob: jpeg(1), meta: { ...idCard, label: '别的名字' }, at: '2026-11-26T08:00:00.000Z' });
    expect(first.sha256).toBe(await sha256Hex(jpeg(1)));
    expect(again).toEqual(first);
    expect(await db.materials.count().exec()).toBe(1);
  });

  it('should keep two photos put at the same moment as one item', async () => {
    await Promise.all([1, 2, 3].map(() => putMaterial(db, { blob: jpeg(1), meta: idCard, at: '2026-11-25T08:00:00.000Z' })));
    expect(await db.materials.count().exec()).toBe(1);
  });

  it('should give back the stored bytes and thumbnail, and null for an unknown hash', async () => {
    const item = await putMaterial(db, { blob: jpeg(1), thumbnail: jpeg(9), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const blob = await getMaterialBlob(db, item.sha256);
    expect(blob?.type).toBe('image/jpeg');
    expect(await sha256Hex(blob!)).toBe(item.sha256);
    expect(await sha256Hex((await getMaterialThumbnail(db, item.sha256))!)).toBe(await sha256Hex(jpeg(9)));
    expect(await getMaterialBlob(db, 'a'.repeat(64))).toBeNull();
  });

  it('should list items newest first with their thumbnails', async () => {
    await putMaterial(db, { blob: jpeg(1), thumbnail: jpeg(9), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    await putMaterial(db, { blob: png, meta: { kind: 'signature', label: '承诺书签名' }, at: '2026-11-25T09:00:00.000Z' });
    const items = await firstValueFrom(lockerItems$(db));
    expect(items.map((v) => v.item.label)).toEqual(['承诺书签名', '居民身份证']);
    expect(items[0].item.contentType).toBe('image/png');
    expect(items[0].thumbnail?.size).toBe(4);
    expect(await firstValueFrom(lockerItems$(db, { kind: 'photo' }))).toHaveLength(1);
  });

  it('should queue the materials of submitted applications until the gateway holds them', async () => {
    const a = await putMaterial(db, { blob: jpeg(1), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const b = await putMaterial(db, { blob: jpeg(2), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const inDraft = await putMaterial(db, { blob: jpeg(3), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    await insertAll(db, [
      application('app-0001', 'submitted', [a.sha256, b.sha256]),
      application('app-0002', 'submitted', [a.sha256, 'f'.repeat(64)]),
      application('app-0003', 'draft', [inDraft.sha256]),
    ]);
    expect((await unsentMaterialHashes(db)).sort()).toEqual([a.sha256, b.sha256].sort());
    await markUploaded(db, a.sha256, '2026-11-25T10:00:00.000Z');
    await markUploaded(db, 'e'.repeat(64), '2026-11-25T10:00:00.000Z');
    expect(await unsentMaterialHashes(db)).toEqual([b.sha256]);
    expect((await db.materials.findOne(a.sha256).exec())?.uploadedAt).toBe('2026-11-25T10:00:00.000Z');
  });

  it('should refuse to remove what a draft or an unsent application needs', async () => {
    const sent = await putMaterial(db, { blob: jpeg(1), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const drafted = await putMaterial(db, { blob: jpeg(2), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const loose = await putMaterial(db, { blob: jpeg(3), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    await insertAll(db, [application('app-0001', 'submitted', [sent.sha256]), application('app-0002', 'draft', [drafted.sha256])]);
    await expect(removeLockerItem(db, sent.sha256)).rejects.toBeInstanceOf(LockerItemInUseError);
    await expect(removeLockerItem(db, drafted.sha256)).rejects.toBeInstanceOf(LockerItemInUseError);
    await markUploaded(db, sent.sha256, '2026-11-25T10:00:00.000Z');
    await removeLockerItem(db, sent.sha256);
    await removeLockerItem(db, loose.sha256);
    expect((await db.materials.find().exec()).map((d) => d.sha256)).toEqual([drafted.sha256]);
  });
});
