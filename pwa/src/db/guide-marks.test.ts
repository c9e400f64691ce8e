import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuideDoc, GuideMaterial } from '../../../sync-protocol/index.js';
import { createDataApi, type DataApi } from './data-api.js';
import type { Databases } from './databases.js';
import { createTestDatabases } from './test-database.js';

const idCard: GuideMaterial = { key: 'id-card', name: '身份证', forms: ['复印件'], copies: 1, required: true, waivable: false };
const lease: GuideMaterial = { key: 'lease', name: '租赁合同', forms: ['复印件'], copies: 1, required: false, waivable: true };
const guide: GuideDoc = {
  id: 'guide-0001',
  itemCode: 'X-1',
  name: '个体工商户设立登记',
  itemType: '行政许可',
  audience: ['个人'],
  department: '市场监督管理局',
  level: '县级',
  areaCode: '331123',
  conditions: ['有经营场所'],
  materials: [idCard, lease],
  formFields: [],
  timeLimit: { statutoryDays: 15, promisedDays: 1 },
  fee: '不收费',
  channels: ['窗口办'],
  delivery: ['窗口领取'],
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const v2: GuideDoc = {
  ...guide,
  version: 2,
  materials: [idCard, { ...lease, required: true }, { key: 'photo', name: '门店照片', forms: ['电子件'], copies: 0, required: true, waivable: false }],
};

describe('guide marks', () => {
  let databases: Databases;
  let anonymous: DataApi;
  const now = () => new Date('2026-11-25T08:00:00.000Z');

  beforeEach(async () => {
    databases = await createTestDatabases();
    anonymous = createDataApi({ device: databases.device, user: null }, { now });
  });
  afterEach(async () => {
    await databases.close();
  });

  it('should keep ticked checklist items without an account', async () => {
    await anonymous.setChecklistItem(guide.id, 'id-card', true);
    await anonymous.setChecklistItem(guide.id, 'lease', true);
    await anonymous.setChecklistItem(guide.id, 'id-card', false);
    expect(await firstValueFrom(anonymous.checklist$(guide.id))).toEqual(['lease']);
    expect(await firstValueFrom(anonymous.checklist$('other'))).toEqual([]);
  });

  it('should keep the checklist when a guide is saved and unsaved', async () => {
    await anonymous.setChecklistItem(guide.id, 'id-card', true);
    await anonymous.saveGuide(guide);
    expect((await firstValueFrom(anonymous.savedGuides$)).map((g) => [g.id, g.version])).toEqual([[guide.id, 1]]);
    expect(await firstValueFrom(anonymous.isSaved$(guide.id))).toBe(true);
    await anonymous.unsaveGuide(guide.id);
    expect(await firstValueFrom(anonymous.savedGuides$)).toEqual([]);
    expect(await firstValueFrom(anonymous.checklist$(guide.id))).toEqual(['id-card']);
  });

  it('should tell what changed in the materials of a saved guide, until acknowledged', async () => {
    await anonymous.saveGuide(guide);
    expect(await firstValueFrom(anonymous.guideChange$(guide))).toBeNull();
    const notice = await firstValueFrom(anonymous.guideChange$(v2));
    expect(notice).toMatchObject({ reasons: ['saved'], fromVersion: 1, toVersion: 2 });
    expect(notice?.diff.added.map((m) => m.name)).toEqual(['门店照片']);
    expect(notice?.diff.changed).toEqual([{ key: 'lease', name: '租赁合同', changes: ['现在必须提交'] }]);
    await anonymous.acknowledgeGuideChange(v2);
    expect(await firstValueFrom(anonymous.guideChange$(v2))).toBeNull();
  });

  it('should say nothing when only other parts of the guide changed', async () => {
    await anonymous.saveGuide(guide);
    expect(await firstValueFrom(anonymous.guideChange$({ ...guide, version: 2, fee: '收费10元' }))).toBeNull();
  });

  it('should tell the person who started an application, and only them', async () => {
    const alice = createDataApi({ device: databases.device, user: await databases.openUser('alice') }, { now });
    await alice.createApplication({ guide, applicant: { name: '王秀英' }, form: {} });
    expect(await firstValueFrom(alice.guideChange$(v2))).toMatchObject({ reasons: ['started'], fromVersion: 1 });
    const bob = createDataApi({ device: databases.device, user: await databases.openUser('bob') }, { now });
    expect(await firstValueFrom(bob.guideChange$(v2))).toBeNull();
  });
});
