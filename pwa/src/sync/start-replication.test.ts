import { afterEach, describe, expect, it } from 'vitest';
import { toProblemBody, type GuideDoc } from '../../../sync-protocol/index.js';
import type { DeviceDatabase, UserDatabase } from '../db/create-database.js';
import { createDataApi } from '../db/data-api.js';
import type { Databases } from '../db/databases.js';
import { createTestDatabases } from '../db/test-database.js';
import { GatewayError, offlineError } from '../../../device-core/client/gateway-error.js';
import { createMemoryGateway } from '../../../test/support/memory-gateway.js';
import { startReplication, type ReplicationHandle } from './start-replication.js';

const guide: GuideDoc & { _deleted: boolean } = {
  id: 'guide-0001',
  itemCode: 'X-1',
  name: '个体工商户登记',
  itemType: '行政许可',
  audience: ['个人'],
  department: '市场监督管理局',
  level: '县级',
  areaCode: '331123',
  conditions: ['年满18周岁'],
  materials: [],
  formFields: [],
  timeLimit: { statutoryDays: 15, promisedDays: 1 },
  fee: '不收费',
  channels: ['窗口办'],
  delivery: ['窗口领取'],
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
  _deleted: false,
};

/** One phone with user u1 signed in: `guides` is the shared database, the rest u1's own. */
interface Phone {
  device: DeviceDatabase;
  user: { id: string; db: UserDatabase };
}

describe('startReplication', () => {
  const phones: Databases[] = [];
  const handles: ReplicationHandle[] = [];
  const open = async (): Promise<Phone> => {
    // Some tests hold two phones: 18 collections would pass RxDB's open-core limit of 15,
    // and the checklist marks and households (agents only) are not used here.
    const databases = await createTestDatabases({ leaveClosed: ['guidemarks', 'households'] });
    phones.push(databases);
    const db = await databases.openUser('u1');
    return { device: databases.device, user: { id: 'u1', db } };
  };
  const start = (...args: Parameters<typeof startReplication>) => {
    const handle = startReplication(...args);
    handles.push(handle);
    return handle;
  };
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.stop()));
    await Promise.all(phones.splice(0).map((p) => p.close()));
  });

  it('should pull guides without a user, and nothing private', async () => {
    const gateway = createMemoryGateway();
    gateway.seed('guides', guide);
    const { device } = await open();
    const handle = start({ device, client: gateway.client, areas: ['331123'], live: false, waitForLeadership: false });
    await handle.awaitInitialReplication();
    expect((await device.guides.findOne('guide-0001').exec())?.name).toBe('个体工商户登记');
    expect(handle.status.online.value).toBe(true);
  });

  it('should pull the areas, and guides only of the chosen area feeds', async () => {
    const gateway = createMemoryGateway();
    gateway.seed('areas', { code: '331123', name: '遂昌县', fullName: '浙江省丽水市遂昌县', level: 'county', parentCode: '331100', _deleted: false });
    gateway.seed('guides', guide);
    gateway.seed('guides', { ...guide, id: 'guide-province', areaCode: '330000' });
    gateway.seed('guides', { ...guide, id: 'guide-songyang', areaCode: '331124' });
    const { device } = await open();
    const handle = start({ device, client: gateway.client, areas: ['330000', '331100', '331123'], waitForLeadership: false });
    await handle.awaitInitialReplication();
    await handle.awaitInSync();
    expect((await device.guides.find().exec()).map((d) => d.id).sort()).toEqual(['guide-0001', 'guide-province']);
    expect((await device.areas.findOne('331123').exec())?.name).toBe('遂昌县');
  });

  it("should keep a guide that moved area when the old area's tombstone arrives after it", async () => {
    const gateway = createMemoryGateway();
    const { device } = await open();
    gateway.seed('guides', { ...guide, areaCode: '331123001', version: 3 });
    const newArea = start({ device, client: gateway.client, areas: ['331123001'], live: false, waitForLeadership: false });
    await newArea.awaitInitialReplication();
    expect((await device.guides.findOne('guide-0001').exec())?.version).toBe(3);

    gateway.seed('guides', { ...guide, areaCode: '331123', version: 2, _deleted: true });
    await newArea.stop();
    // The device follows both areas (e.g. the county and one of its townships).
    const oldArea = start({ device, client: gateway.client, areas: ['331123001', '331123'], live: false, waitForLeadership: false });
    await oldArea.awaitInitialReplication();
    const kept = await device.guides.findOne('guide-0001').exec();
    expect(kept?.version).toBe(3);
    expect(kept?.areaCode).toBe('331123001');
  });

  it('should pull again on reSync, without a live stream', async () => {
    const gateway = createMemoryGateway();
    const { device } = await open();
    const handle = start({ device, client: gateway.client, areas: ['331123'], waitForLeadership: false });
    await handle.awaitInitialReplication();
    gateway.seed('guides', guide);
    handle.reSync();
    await expect.poll(async () => (await device.guides.findOne('guide-0001').exec())?.name).toBe('个体工商户登记');
  });

  it('should remove the guides of a dropped area and download them again when it is chosen again', async () => {
    const gateway = createMemoryGateway();
    gateway.seed('guides', guide);
    gateway.seed('guides', { ...guide, id: 'guide-songyang', areaCode: '331124' });
    const { device } = await open();
    const handle = start({ device, client: gateway.client, areas: ['331123', '331124'], waitForLeadership: false });
    await handle.awaitInitialReplication();
    const ids = async () => (await device.guides.find().exec()).map((d) => d.id).sort();
    expect(await ids()).toEqual(['guide-0001', 'guide-songyang']);

    await handle.setAreas(['331123']);
    expect(await ids()).toEqual(['guide-0001']);

    await handle.setAreas(['331123', '331124']);
    await handle.awaitInSync();
    await expect.poll(ids).toEqual(['guide-0001', 'guide-songyang']);
  });

  it('should remove guides of areas not followed any more when it starts', async () => {
    const gateway = createMemoryGateway();
    const { device } = await open();
    const { _deleted, ...plain } = guide;
    await device.guides.insert({ ...plain, id: 'guide-old', areaCode: '331124' });
    const handle = start({ device, client: gateway.client, areas: ['331123'], live: false, waitForLeadership: false });
    await handle.awaitInSync();
    expect(await device.guides.count().exec()).toBe(0);
  });

  it('should push a submitted application and pull back the server stamp', async () => {
    const gateway = createMemoryGateway();
    const phone = await open();
    const { db } = phone.user;
    const data = createDataApi({ device: phone.device, user: db });
    const app = await data.createApplication({ guide, applicant: { name: '王秀英' }, form: {} });
    await data.submitApplication(app.id);
    await start({ ...phone, client: gateway.client, live: false, waitForLeadership: false }).awaitInitialReplication();
    expect(gateway.read('applications', app.id)).toMatchObject({ lifecycle: 'submitted', applicant: { name: '王秀英' } });
    // A second pass pulls the stamped master; the full-equality isEqual lets it in.
    await start({ ...phone, client: gateway.client, live: false, waitForLeadership: false }).awaitInitialReplication();
    expect((await db.applications.findOne(app.id).exec())?.server?.receivedAt).toBeTruthy();
  });

  it('should resolve a conflict between two devices with the protocol merge', async () => {
    const gateway = createMemoryGateway();
    const [phone, tablet] = [await open(), await open()];
    const app = await createDataApi({ device: phone.device, user: phone.user.db }).createApplication({ guide, applicant: { name: '甲' }, form: { a: '1', b: '1' } });
    const run = (p: Phone) => start({ ...p, client: gateway.client, live: false, waitForLeadership: false }).awaitInitialReplication();
    await run(phone);
    await run(tablet);
    await (await phone.user.db.applications.findOne(app.id).exec())!.incrementalPatch({ form: { a: 'phone', b: '1' } });
    await (await tablet.user.db.applications.findOne(app.id).exec())!.incrementalPatch({ form: { a: '1', b: 'tablet' } });
    await run(phone);
    await run(tablet);
    await run(phone);
    expect(gateway.read('applications', app.id)?.form).toEqual({ a: 'phone', b: 'tablet' });
    expect((await phone.user.db.applications.findOne(app.id).exec())?.form).toEqual({ a: 'phone', b: 'tablet' });
  });

  it('should record a refused document instead of retrying it', async () => {
    const gateway = createMemoryGateway();
    gateway.state.refuse = () => 'applicant.idNumber';
    const phone = await open();
    const { db } = phone.user;
    const data = createDataApi({ device: phone.device, user: db });
    const app = await data.createApplication({ guide, applicant: { name: '甲' }, form: {} });
    await start({ ...phone, client: gateway.client, live: false, waitForLeadership: false }).awaitInitialReplication();
    const issue = await db.syncissues.findOne(`applications:${app.id}`).exec();
    expect(issue?.toJSON()).toMatchObject({ code: 'DOCUMENT_INVALID', field: 'applicant.idNumber', documentId: app.id });
  });

  it('should stop everything and ask for an update on 426', async () => {
    const gateway = createMemoryGateway();
    gateway.state.failWith = new GatewayError('needs-update', 426, toProblemBody('PROTOCOL_VERSION_UNSUPPORTED'));
    const phone = await open();
    const handle = start({ ...phone, client: gateway.client, live: true, retryTime: 10, waitForLeadership: false });
    await expect.poll(() => handle.status.needsUpdate.value).toBe(true);
    expect(handle.status.lastError.value).toBe('应用版本过旧，请更新应用后再同步');
    // A later start does not replicate at all while the app is outdated.
    const again = start({ ...phone, client: gateway.client, status: handle.status, areas: ['331123'], waitForLeadership: false });
    gateway.state.failWith = null;
    gateway.seed('guides', guide);
    await new Promise((r) => setTimeout(r, 100));
    expect(await phone.device.guides.count().exec()).toBe(0);
    await again.stop();
  });

  it('should ask to sign in again on 401 and keep local data', async () => {
    const gateway = createMemoryGateway();
    const phone = await open();
    const { db } = phone.user;
    const app = await createDataApi({ device: phone.device, user: db }).createApplication({ guide, applicant: { name: '甲' }, form: {} });
    gateway.state.failWith = new GatewayError('needs-sign-in', 401, toProblemBody('UNAUTHENTICATED'));
    const handle = start({ ...phone, client: gateway.client, live: true, retryTime: 10, waitForLeadership: false });
    await expect.poll(() => handle.status.needsSignIn.value).toBe(true);
    expect(handle.status.needsUpdate.value).toBe(false);
    expect(await db.applications.findOne(app.id).exec()).not.toBeNull();
  });

  it('should learn the server stamp of its own push even when the stream is silent', async () => {
    const gateway = createMemoryGateway();
    const phone = await open();
    const { db } = phone.user;
    const data = createDataApi({ device: phone.device, user: db });
    await start({ ...phone, client: gateway.client, live: true, waitForLeadership: false }).awaitInitialReplication();
    const app = await data.createApplication({ guide, applicant: { name: '王秀英' }, form: {} });
    await data.submitApplication(app.id);
    await expect.poll(async () => (await db.applications.findOne(app.id).exec())?.server?.receivedAt, { timeout: 5000 }).toBeTruthy();
    expect((await db.applications.findOne(app.id).exec())?.lifecycle).toBe('submitted');
  });

  it('should still learn the stamp when the pull right after its push fails', async () => {
    // The link drops between the push answer and the stamp pull (2G in a village):
    // the stamp must come on a later try, not wait until the gateway changes the document.
    const gateway = createMemoryGateway();
    let pushed = false;
    let failedPulls = 0;
    const client: typeof gateway.client = {
      ...gateway.client,
      async push(...args) {
        const answer = await gateway.client.push(...args);
        pushed = true;
        return answer;
      },
      async pull(...args) {
        if (pushed && failedPulls < 2) {
          failedPulls += 1;
          throw offlineError(new Error('link dropped'));
        }
        return gateway.client.pull(...args);
      },
    };
    const phone = await open();
    const { db } = phone.user;
    const data = createDataApi({ device: phone.device, user: db });
    const handle = start({ ...phone, client, live: true, waitForLeadership: false, backoff: { baseMs: 5, maxMs: 20 } });
    await handle.awaitInitialReplication();
    const app = await data.createApplication({ guide, applicant: { name: '王秀英' }, form: {} });
    await data.submitApplication(app.id);
    await expect.poll(async () => (await db.applications.findOne(app.id).exec())?.server?.receivedAt, { timeout: 5000 }).toBeTruthy();
    expect(failedPulls).toBe(2);
  });
});

describe('startReplication: a sync with nothing to do', () => {
  it('should ask once for every feed and pull only the feeds with changes', async () => {
    const gateway = createMemoryGateway();
    gateway.seed('areas', { code: '331123', name: '遂昌县', fullName: '浙江省丽水市遂昌县', level: 'county', parentCode: '331100', _deleted: false });
    gateway.seed('guides', guide);
    const databases = await createTestDatabases();
    try {
      const db = await databases.openUser('u1');
      const options = {
        device: databases.device,
        client: gateway.client,
        user: { id: 'u1', db },
        areas: ['330000', '331100', '331123'],
        live: false,
        waitForLeadership: false,
        changesWindowMs: 60_000,
      };
      const first = startReplication(options);
      await first.awaitInSync();
      await first.stop();
      // 6 feeds (areas, applications, statuses, guides × 3 areas), 2 of them with documents.
      expect({ changes: gateway.state.changesRequests, pulls: gateway.state.pullRequests }).toEqual({ changes: 1, pulls: 2 });

      gateway.state.pullRequests = 0;
      gateway.state.changesRequests = 0;
      const idle = startReplication(options);
      await idle.awaitInSync();
      await idle.stop();
      expect({ changes: gateway.state.changesRequests, pulls: gateway.state.pullRequests }).toEqual({ changes: 1, pulls: 0 });

      gateway.seed('guides', { ...guide, id: 'guide-0002' });
      gateway.state.changesRequests = 0;
      const one = startReplication(options);
      await one.awaitInSync();
      await one.stop();
      expect({ changes: gateway.state.changesRequests, pulls: gateway.state.pullRequests }).toEqual({ changes: 1, pulls: 1 });
      expect(await databases.device.guides.findOne('guide-0002').exec()).not.toBeNull();
    } finally {
      await databases.close();
    }
  });
});
