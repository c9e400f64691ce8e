/**
 * Injected into the running app page by test/browser/background-sync.test.ts:
 * files an application with one photo through the app's own data interface
 * (a second RxDB instance on the same IndexedDB, as a second tab would),
 * exactly as the new-application page does: photo into the locker, draft,
 * materials, submit. The app's own page learns of it through RxDB's
 * multi-instance events.
 */
import { createDataApi } from '../../../pwa/src/db/data-api.js';
import { createDatabases } from '../../../pwa/src/db/databases.js';

export async function fileWithPhoto(userId: string, photoBase64: string): Promise<{ applicationId: string; sha256: string }> {
  const databases = await createDatabases({ multiInstance: true });
  try {
    const user = await databases.openUser(userId);
    const data = createDataApi({ device: databases.device, user });
    const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
    const item = await data.putMaterial({ blob: new Blob([bytes], { type: 'image/jpeg' }), meta: { kind: 'photo', label: '居民身份证', materialKey: 'id-card' } });
    const draft = await data.createApplication({
      guide: { id: 'guide-331123-getihu-sheli', name: '个体工商户设立登记', version: 1 },
      applicant: { name: '王秀英', phone: '13957800123' },
      form: { shopName: '王秀英小吃店' },
    });
    await data.setDraftMaterials(draft.id, [{ key: 'id-card', name: '居民身份证', pages: [{ sha256: item.sha256, bytes: item.bytes, contentType: 'image/jpeg' }] }]);
    await data.submitApplication(draft.id);
    return { applicationId: draft.id, sha256: item.sha256 };
  } finally {
    await databases.close();
  }
}

/** Files an application with no photo at all, the same way: the photo transfer has nothing to do for it. */
export async function fileWithoutPhotos(userId: string): Promise<{ applicationId: string }> {
  const databases = await createDatabases({ multiInstance: true });
  try {
    const user = await databases.openUser(userId);
    const data = createDataApi({ device: databases.device, user });
    const draft = await data.createApplication({
      guide: { id: 'guide-331123-getihu-sheli', name: '个体工商户设立登记', version: 1 },
      applicant: { name: '李建国', phone: '13957800124' },
      form: { shopName: '李建国修车铺' },
    });
    await data.submitApplication(draft.id);
    return { applicationId: draft.id };
  } finally {
    await databases.close();
  }
}
