import type { ApplicationDoc, WireDocument } from '../../sync-protocol/index.js';

export type WireDoc = WireDocument<Record<string, unknown>>;

/** A sample document: a wire document whose id is known to be a string. */
export type SampleDoc = WireDoc & { id: string };

/** A valid application for the 个体工商户设立登记 guide; override any field. */
export function sampleApplication(id: string, overrides: Partial<ApplicationDoc> & { _deleted?: boolean } = {}): SampleDoc {
  const doc: WireDocument<ApplicationDoc> = {
    id,
    guideId: 'guide-331123-getihu-sheli',
    guideVersion: 3,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英', phone: '13957800123' },
    form: { applicantName: '王秀英', shopName: '遂昌县妙高街道王秀英小吃店', businessScope: '小餐饮' },
    lifecycle: 'draft',
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    _deleted: false,
    ...overrides,
  };
  return doc as unknown as SampleDoc;
}

/** A unique document id for a test. */
export function newDocumentId(prefix = 'app'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
