import { firstValueFrom, filter } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';
import { createDataApi, LockerItemInUseError } from './data-api.js';
import type { Databases } from './databases.js';
import { markUploaded, putMaterial, removeLockerItem } from './locker.js';
import { applicationUsing, ID_CARD_META, tinyJpeg, useTestUser } from './locker-fixtures.js';
import { lockerEntries$ } from './locker-usage.js';

const jpeg = (seed: number, extra = 0) => tinyJpeg(seed, new Array(extra).fill(7));
const idCard = ID_CARD_META;
const application = (id: string, name: string, lifecycle: ApplicationDoc['lifecycle'], hashes: string[]) => applicationUsing(id, lifecycle, hashes, name);

describe('locker entries', () => {
  let db: UserDatabase;
  let databases: Databases;
  useTestUser((opened) => ({ db, databases } = opened));

  it('should list every item newest first with the applications using it and what it takes on the phone', async () => {
    const older = await putMaterial(db, { blob: jpeg(1, 100), thumbnail: jpeg(9, 20), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const newer = await putMaterial(db, { blob: jpeg(2), meta: { ...idCard, label: '户口本' }, at: '2026-11-25T09:00:00.000Z' });
    await db.applications.insert(application('app-0001', '王秀英', 'submitted', [older.sha256]));

    const entries = await firstValueFrom(lockerEntries$(db));
    expect(entries.map((e) => e.item.sha256)).toEqual([newer.sha256, older.sha256]);
    expect(entries[0]).toMatchObject({ names: ['户口本'], uses: [], blockers: [] });
    expect(entries[1].item.storedBytes).toBe(106 + 26);
    expect(entries[1].uses).toEqual([
      { applicationId: 'app-0001', applicantName: '王秀英', guideName: '个体工商户设立登记', materialNames: ['居民身份证'], lifecycle: 'submitted', state: 'unsent' },
    ]);
    expect(entries[1].blockers).toHaveLength(1);
  });

  it('should follow uploads, drafts and deletions as they happen', async () => {
    const photo = await putMaterial(db, { blob: jpeg(1), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    const loose = await putMaterial(db, { blob: jpeg(2), meta: idCard, at: '2026-11-25T08:00:00.000Z' });
    await db.applications.insert(application('app-0001', '王秀英', 'submitted', [photo.sha256]));
    const entries$ = lockerEntries$(db);
    const blockedNow = await firstValueFrom(entries$);
    expect(blockedNow.find((e) => e.item.sha256 === photo.sha256)?.blockers).toHaveLength(1);

    await markUploaded(db, photo.sha256, '2026-11-25T10:00:00.000Z');
    const sent = await firstValueFrom(entries$.pipe(filter((es) => es.some((e) => e.item.uploadedAt))));
    expect(sent.find((e) => e.item.sha256 === photo.sha256)).toMatchObject({ blockers: [], uses: [{ state: 'sent' }] });

    await db.applications.insert(application('app-0002', '李建国', 'draft', [loose.sha256]));
    const drafted = await firstValueFrom(entries$.pipe(filter((es) => es.some((e) => e.uses.some((u) => u.state === 'draft')))));
    expect(drafted.find((e) => e.item.sha256 === loose.sha256)?.blockers.map((b) => b.applicantName)).toEqual(['李建国']);

    await removeLockerItem(db, photo.sha256);
    const after = await firstValueFrom(entries$.pipe(filter((es) => es.length === 1)));
    expect(after.map((e) => e.item.sha256)).toEqual([loose.sha256]);
  });

  it('should delete through the data interface only what nothing needs, and drop its bytes from the phone', async () => {
    const api = createDataApi({ device: databases.device, user: db });
    const needed = await api.putMaterial({ blob: jpeg(1), thumbnail: jpeg(9), meta: idCard });
    const loose = await api.putMaterial({ blob: jpeg(2), thumbnail: jpeg(8), meta: idCard });
    await db.applications.insert(application('app-0001', '张三', 'submitted', [needed.sha256]));

    await expect(api.removeLockerItem(needed.sha256)).rejects.toBeInstanceOf(LockerItemInUseError);
    await api.removeLockerItem(loose.sha256);
    expect(await api.getMaterialBlob(loose.sha256)).toBeNull();
    expect(await api.getMaterialThumbnail(loose.sha256)).toBeNull();
    expect(await api.getMaterialBlob(needed.sha256)).not.toBeNull();
    // The attachment rows themselves are gone, not only hidden behind a deleted document.
    const [tombstone] = await db.materials.storageInstance.findDocumentsById([loose.sha256], true);
    expect(Object.keys(tombstone._attachments).sort()).toEqual(['image', 'thumb']);
    for (const [id, meta] of Object.entries(tombstone._attachments)) {
      await expect(db.materials.storageInstance.getAttachmentData(loose.sha256, id, meta.digest)).rejects.toThrow(/attachment missing/);
    }
    expect((await firstValueFrom(api.lockerEntries$)).map((e) => e.item.sha256)).toEqual([needed.sha256]);
  });
});
