import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../sync-protocol/index.js';
import { openDeviceDatabase } from './create-database.js';

describe('openDeviceDatabase', () => {
  it('should open a phone whose guides were stored with the first release’s schema, downloading them again', async () => {
    const storage = getRxStorageDexie({ indexedDB: new IDBFactory(), IDBKeyRange });
    const firstRelease = structuredClone(COLLECTIONS.guides.schema) as unknown as RxJsonSchema<any> & { properties: Record<string, unknown> };
    delete firstRelease.properties.keywords;
    delete firstRelease.properties.search;
    const old = await createRxDatabase({ name: 'tongban', storage: wrappedValidateAjvStorage({ storage }) });
    await old.addCollections({ guides: { schema: firstRelease } });
    await old.collections.guides.insert({
      id: 'guide-0001', itemCode: 'X', name: '旧指南', itemType: '行政许可', audience: ['个人'], department: '局', level: '县级', areaCode: '331123',
      conditions: [], materials: [], formFields: [], timeLimit: { statutoryDays: 1, promisedDays: 1 }, fee: '不收费', channels: ['窗口办'],
      delivery: ['窗口领取'], version: 1, updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await old.close();

    const device = await openDeviceDatabase({ storage });
    expect(Object.keys(device.collections).sort()).toEqual(['areas', 'guidemarks', 'guides']);
    expect(await device.guides.count().exec()).toBe(0);
    await device.close();
  });
});
