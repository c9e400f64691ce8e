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

/** GB 11643's own example: a valid resident ID number. */
const ID_NUMBER = '11010519491231002X';

export async function fileWithPhoto(userId: string, photoBase64: string): Promise<{ applicationId: string; sha256: string }> {
  const databases = await createDatabases({ multiInstance: true });
  try {
    const user = await databases.openUser(userId);
    const data = createDataApi({ device: databases.device, user });
    const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
    const item = await data.putMaterial({ blob: new Blob([bytes], { type: 'image/jpeg' }), meta: { kind: 'photo', label: '居民身份证', materialKey: 'id-card' } });
    // Complete for the seeded guide (version 1): the phone and the gateway both check the submission rules.
    const draft = await data.createApplication({
      guide: { id: 'guide-331123-getihu-sheli', name: '个体工商户设立登记', version: 1 },
      applicant: { name: '王秀英', idNumber: ID_NUMBER, phone: '13957800123' },
      form: {
        applicantName: '王秀英',
        idNumber: ID_NUMBER,
        phone: '13957800123',
        shopName: '王秀英小吃店',
        businessScope: '小餐饮',
        premisesAddress: '遂昌县妙高街道北街12号一楼',
        organizationForm: '个人经营',
      },
    });
    // One photo for each required material: the locker keeps it once, and it travels once.
    const page = { sha256: item.sha256, bytes: item.bytes, contentType: 'image/jpeg' as const };
    await data.setDraftMaterials(draft.id, [
      { key: 'registration-form', name: '个体工商户登记（备案）申请书', pages: [page] },
      { key: 'id-card', name: '居民身份证', pages: [page] },
      { key: 'property-proof', name: '经营场所使用证明', pages: [page] },
    ]);
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
    // A seeded guide that requires no material, filled in completely (the submission rules apply).
    const draft = await data.createApplication({
      guide: { id: 'guide-331123-jumin-yibao-canbao', name: '城乡居民基本医疗保险参保登记', version: 1 },
      applicant: { name: '李建国', idNumber: ID_NUMBER, phone: '13957800124' },
      form: {
        applicantName: '李建国',
        idNumber: ID_NUMBER,
        phone: '13957800124',
        householdAddress: '遂昌县妙高街道北街12号',
        insuredCategory: '成年居民',
        startDate: '2026-01-01',
      },
    });
    await data.submitApplication(draft.id);
    return { applicationId: draft.id };
  } finally {
    await databases.close();
  }
}
