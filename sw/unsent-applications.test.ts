import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../sync-protocol/index.js';
import { recordSyncIssues, clearSyncIssue } from '../pwa/src/db/sync-issues.js';
import { inspectablePhones } from '../pwa/src/db/test-database.js';
import { readUnsentApplications } from './unsent-applications.js';

const AT = '2026-11-26T03:00:00.000Z';

function application(id: string, lifecycle: ApplicationDoc['lifecycle'], extra: Partial<ApplicationDoc> = {}): ApplicationDoc {
  return {
    id, guideId: 'guide-0001', guideVersion: 1, guideName: '个体工商户设立登记', applicant: { name: '王秀英' }, form: { shopName: '王秀英小吃店' },
    lifecycle, createdAt: AT, updatedAt: AT, ...(lifecycle === 'submitted' ? { submittedAt: AT } : {}), ...extra,
  };
}

/** Written through RxDB, read the way the service worker reads: a change of RxDB's layout fails here. */
describe('readUnsentApplications', () => {
  const phones = inspectablePhones();
  afterEach(() => phones.closeAll());
  const phone = () => phones.open('u-alice');

  it('should find the submitted applications the gateway never acknowledged, as RxDB stores them, without storage fields', async () => {
    const { db, indexedDB, name } = await phone();
    const inserted = await db.applications.bulkInsert([
      application('app-00000011', 'submitted'),
      application('app-00000012', 'draft'),
      application('app-00000013', 'submitted', { server: { receivedAt: AT } }),
      application('app-00000014', 'submitted'),
    ]);
    expect(inserted.error).toEqual([]);
    await inserted.success.find((d) => d.id === 'app-00000014')!.remove();

    const unsent = await readUnsentApplications('u-alice', indexedDB, name);
    const filed = (await db.applications.findOne('app-00000011').exec())!.toJSON();
    expect(unsent).toEqual([{ ...filed, _deleted: false }]);
    expect(Object.keys(unsent[0]).filter((key) => key.startsWith('_'))).toEqual(['_deleted']);
  });

  it('should leave out an application the gateway refused as it stands, until the person edits it', async () => {
    const { db, indexedDB, name } = await phone();
    await db.applications.bulkInsert([application('app-00000021', 'submitted'), application('app-00000022', 'submitted')]);
    await recordSyncIssues(db, 'applications', [{ id: 'app-00000021', code: 'DOCUMENT_INVALID', message: '缺少必需材料', field: 'materials' }]);
    // An issue of another collection with the same id changes nothing.
    await recordSyncIssues(db, 'statuses', [{ id: 'app-00000022', code: 'DOCUMENT_INVALID', message: 'x' }]);
    expect((await readUnsentApplications('u-alice', indexedDB, name)).map((d) => d.id)).toEqual(['app-00000022']);

    await clearSyncIssue(db, 'applications', 'app-00000021');
    expect((await readUnsentApplications('u-alice', indexedDB, name)).map((d) => d.id).sort()).toEqual(['app-00000021', 'app-00000022']);
  });

  it('should find nothing for a person without a database on this phone, and create none', async () => {
    const { indexedDB, name } = await phone();
    expect(await readUnsentApplications('u-nobody', indexedDB, name)).toEqual([]);
    expect((await indexedDB.databases()).some((d) => d.name?.includes('u-nobody'))).toBe(false);
  });
});
