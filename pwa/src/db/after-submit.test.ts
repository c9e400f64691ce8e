import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatusDoc } from '../../../sync-protocol/index.js';
import { addSupplement, rateApplication } from './after-submit.js';
import type { UserDatabase } from './create-database.js';
import { createDataApi, type DataApi } from './data-api.js';
import type { Databases } from './databases.js';
import { createTestDatabases } from './test-database.js';

const guide = { id: 'guide-0001', name: '个体工商户设立登记', version: 2 };
const page = { sha256: 'a'.repeat(64), bytes: 1000, contentType: 'image/jpeg' as const };
const at = '2026-11-26T08:00:00.000Z';

describe('after submit: supplements and rating', () => {
  let databases: Databases;
  let db: UserDatabase;
  let api: DataApi;
  let appId: string;

  beforeEach(async () => {
    databases = await createTestDatabases();
    db = await databases.openUser('u1');
    api = createDataApi({ device: databases.device, user: db });
    appId = (await api.createApplication({ guide, applicant: { name: '张三' }, form: {} })).id;
  });
  afterEach(async () => {
    await databases.close();
  });

  const status = (state: StatusDoc['state'], id = `${appId}:${state}`): Promise<unknown> => db.statuses.insert({ id, applicationId: appId, state, at: '2026-11-25T08:00:00.000Z' });
  const supplement = { materials: [{ key: 'id-card', name: '居民身份证', pages: [page] }] };

  it('should add a supplement answering the province request, once however often it is asked', async () => {
    await api.submitApplication(appId);
    await status('supplement_required');
    const input = { ...supplement, requestedBy: `${appId}:supplement_required`, note: ' 已重新拍照 ' };
    const first = await addSupplement(db, appId, input, at);
    const again = await addSupplement(db, appId, input, at);
    expect(first.supplements).toHaveLength(1);
    expect(first.supplements?.[0]).toMatchObject({ requestedBy: `${appId}:supplement_required`, note: '已重新拍照', at });
    expect(again.supplements).toEqual(first.supplements);
  });

  it('should refuse a supplement without a request from the province, or before submit, or without pages', async () => {
    await expect(addSupplement(db, appId, { ...supplement, requestedBy: 'x' }, at)).rejects.toThrow('申请还没有提交');
    await api.submitApplication(appId);
    await expect(addSupplement(db, appId, { ...supplement, requestedBy: `${appId}:supplement_required` }, at)).rejects.toThrow('没有找到');
    await status('accepted');
    await expect(addSupplement(db, appId, { ...supplement, requestedBy: `${appId}:accepted` }, at)).rejects.toThrow('没有找到');
    await status('supplement_required');
    const empty = { requestedBy: `${appId}:supplement_required`, materials: [{ key: 'id-card', name: '居民身份证', pages: [] }] };
    await expect(addSupplement(db, appId, empty, at)).rejects.toThrow('至少拍一张');
    expect((await db.applications.findOne(appId).exec())?.supplements).toBeUndefined();
  });

  it('should rate a completed application once, and refuse before it is completed', async () => {
    await api.submitApplication(appId);
    await expect(rateApplication(db, appId, { score: 5 }, at)).rejects.toThrow('办结以后');
    await status('completed');
    await expect(rateApplication(db, appId, { score: 0 }, at)).rejects.toThrow('1 到 5');
    const rated = await rateApplication(db, appId, { score: 4, comment: ' 窗口很耐心 ' }, at);
    expect(rated.rating).toEqual({ score: 4, comment: '窗口很耐心', at });
    const again = await rateApplication(db, appId, { score: 1 }, '2026-11-27T00:00:00.000Z');
    expect(again.rating).toEqual(rated.rating);
  });
});
