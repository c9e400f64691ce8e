/* eslint-disable @typescript-eslint/no-explicit-any -- earlier schema versions are made by editing a copy of today's schema as plain JSON. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../sync-protocol/index.js';
import { openDeviceDatabase, openUserDatabase } from './create-database.js';
import { guideMarkSchema, startedGuideSchema } from './local-schemas.js';
import { userDatabaseName } from '../../../device-core/database-names.js';

describe('openDeviceDatabase', () => {
  it('should open a phone whose guides were stored with the first release’s schema, downloading them again', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const firstRelease = structuredClone(COLLECTIONS.guides.schema) as unknown as RxJsonSchema<any> & { properties: Record<string, unknown> };
    delete firstRelease.properties.keywords;
    delete firstRelease.properties.search;
    const old = await createRxDatabase({ name: 'tongban', storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ guides: { schema: firstRelease } });
    await old.collections.guides.insert({
      id: 'guide-0001',
      itemCode: 'X',
      name: '旧指南',
      itemType: '行政许可',
      audience: ['个人'],
      department: '局',
      level: '县级',
      areaCode: '331123',
      conditions: [],
      materials: [],
      formFields: [],
      timeLimit: { statutoryDays: 1, promisedDays: 1 },
      fee: '不收费',
      channels: ['窗口办'],
      delivery: ['窗口领取'],
      version: 1,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.close();

    const device = await openDeviceDatabase({ storage });
    expect(Object.keys(device.collections).sort()).toEqual(['areas', 'guidemarks', 'guides']);
    expect(await device.guides.count().exec()).toBe(0);
    await device.close();
  });

  it('should open a phone whose checklists and saved guides were stored with schema version 0, keeping them', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const old = await createRxDatabase({ name: 'tongban', storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ guidemarks: { schema: versionZeroOfSnapshots(guideMarkSchema) } });
    await old.collections.guidemarks.insert({ id: 'guide-0001', ticked: ['id-card'], saved: SNAPSHOT, updatedAt: '2026-01-01T00:00:00.000Z' });
    await old.close();

    const device = await openDeviceDatabase({ storage });
    expect(device.guidemarks.schema.version).toBe(1);
    expect((await device.guidemarks.findOne('guide-0001').exec())?.toJSON().saved).toEqual(SNAPSHOT);
    await device.close();
  });
});

const SNAPSHOT = {
  guideName: '个体工商户设立登记',
  version: 1,
  at: '2026-01-01T00:00:00.000Z',
  materials: [{ key: 'id-card', name: '居民身份证', forms: ['原件'], copies: 1, required: true, waivable: false }],
};

/** A local schema as the first release wrote it: snapshot materials open to any field and any form. */
function versionZeroOfSnapshots(schema: typeof guideMarkSchema | typeof startedGuideSchema): RxJsonSchema<any> {
  const copy = structuredClone(schema) as RxJsonSchema<any> & { properties: Record<string, any> };
  copy.version = 0;
  const materials = (copy.properties.saved?.properties ?? copy.properties).materials;
  delete materials.items.additionalProperties;
  materials.items.properties.forms.items = { type: 'string' };
  return copy;
}

describe('openUserDatabase', () => {
  it('should open a phone whose applications and statuses were stored with schema version 0, keeping them', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const versionZero = (schema: object) => {
      const copy = structuredClone(schema) as RxJsonSchema<any> & { properties: Record<string, any> };
      copy.version = 0;
      if (copy.properties.applicant) copy.properties.applicant.required = ['name'];
      delete copy.properties.supplements;
      delete copy.properties.rating;
      if (copy.properties.materials?.items?.properties?.reason) delete copy.properties.materials.items.properties.key;
      return copy;
    };
    const old = await createRxDatabase({ name: userDatabaseName('u1'), storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ applications: { schema: versionZero(COLLECTIONS.applications.schema) }, statuses: { schema: versionZero(COLLECTIONS.statuses.schema) } });
    await old.collections.applications.insert({
      id: 'app-00000001',
      guideId: 'guide-0001',
      guideVersion: 1,
      guideName: '旧申请',
      applicant: { name: '张三' },
      form: {},
      lifecycle: 'submitted',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.collections.statuses.insert({
      id: 'st-1',
      applicationId: 'app-00000001',
      state: 'supplement_required',
      materials: [{ name: '身份证', reason: '模糊' }],
      at: '2026-01-02T00:00:00.000Z',
    });
    await old.close();

    const user = await openUserDatabase('u1', { storage });
    expect((await user.applications.findOne('app-00000001').exec())?.guideName).toBe('旧申请');
    expect((await user.statuses.findOne('st-1').exec())?.materials).toEqual([{ name: '身份证', reason: '模糊' }]);
    await user.close();
  });

  it('should open a phone whose applications were stored with schema version 1 (a name required), keeping drafts and submitted ones', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const versionOne = structuredClone(COLLECTIONS.applications.schema) as unknown as RxJsonSchema<any> & { properties: Record<string, any> };
    versionOne.version = 1;
    versionOne.properties.applicant.required = ['name'];
    const old = await createRxDatabase({ name: userDatabaseName('u1'), storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ applications: { schema: versionOne, migrationStrategies: { 1: (doc: unknown) => doc } } });
    const base = {
      guideId: 'guide-0001',
      guideVersion: 1,
      guideName: '个体工商户设立登记',
      form: { shopName: '小卖部' },
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    await old.collections.applications.insert({ ...base, id: 'app-00000001', applicant: { name: '张三' }, lifecycle: 'draft' });
    await old.collections.applications.insert({ ...base, id: 'app-00000002', applicant: { name: '李四' }, lifecycle: 'submitted', trackingCode: 'TB-7KQ4-M2XD-9F3A-0C1E' });
    await expect(old.collections.applications.insert({ ...base, id: 'app-00000003', applicant: {}, lifecycle: 'draft' })).rejects.toThrow();
    await old.close();

    const user = await openUserDatabase('u1', { storage });
    expect(user.applications.schema.version).toBe(3);
    const kept = (await user.applications.find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.toJSON());
    expect(kept.map((a) => [a.id, a.applicant.name, a.lifecycle, a.form])).toEqual([
      ['app-00000001', '张三', 'draft', { shopName: '小卖部' }],
      ['app-00000002', '李四', 'submitted', { shopName: '小卖部' }],
    ]);
    // From now on a draft may be kept before the name is typed.
    await user.applications.insert({ ...base, id: 'app-00000003', applicant: {}, lifecycle: 'draft' });
    expect(await user.applications.count().exec()).toBe(3);
    await user.close();
  });

  it('should open a phone whose started-guide snapshots were stored with schema version 0, keeping them', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const old = await createRxDatabase({ name: userDatabaseName('u1'), storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ startedguides: { schema: versionZeroOfSnapshots(startedGuideSchema) } });
    await old.collections.startedguides.insert({ id: 'guide-0001', ...SNAPSHOT });
    await old.close();

    const user = await openUserDatabase('u1', { storage });
    expect(user.startedguides.schema.version).toBe(1);
    expect((await user.startedguides.findOne('guide-0001').exec())?.toJSON()).toMatchObject(SNAPSHOT);
    await user.close();
  });
});
