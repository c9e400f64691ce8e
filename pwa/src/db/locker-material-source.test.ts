import type { ApplicationDoc, MaterialPage } from '../../../sync-protocol/index.js';
import { describeMaterialSourceContract } from '../../../test/contract/material-source-contract.js';
import { createLockerMaterialSource } from './locker-material-source.js';
import { putMaterial } from './locker.js';
import { createTestDatabases } from './test-database.js';

const AT = '2026-11-26T03:00:00.000Z';

/** A submitted application needing these pages: what makes the locker's materials unsent. */
function submitted(pages: MaterialPage[]): ApplicationDoc {
  return {
    id: 'app-material-source',
    guideId: 'guide-331123-getihu-sheli',
    guideVersion: 3,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: { shopName: '王秀英小吃店' },
    lifecycle: 'submitted',
    createdAt: AT,
    updatedAt: AT,
    submittedAt: AT,
    materials: [{ key: 'id-card', name: '居民身份证', pages }],
  };
}

describeMaterialSourceContract('the phone’s locker (RxDB on fake-indexeddb)', async (blobs) => {
  const databases = await createTestDatabases();
  const db = await databases.openUser('u1');
  const pages: MaterialPage[] = [];
  for (const [sha256, blob] of blobs) {
    const item = await putMaterial(db, { blob, meta: { kind: 'photo', label: '居民身份证' }, at: AT });
    if (item.sha256 !== sha256) throw new Error(`the locker keyed ${sha256} as ${item.sha256}`);
    pages.push({ sha256, bytes: item.bytes, contentType: 'image/jpeg' });
  }
  await db.applications.insert(submitted(pages));
  return { source: createLockerMaterialSource(db), close: () => databases.close() };
});
