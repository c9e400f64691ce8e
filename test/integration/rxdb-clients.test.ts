import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import type { UserDatabase } from '../../pwa/src/db/create-database.js';
import { createDataApi } from '../../pwa/src/db/data-api.js';
import type { Databases } from '../../pwa/src/db/databases.js';
import { createTestDatabases } from '../../pwa/src/db/test-database.js';
import { createGatewayClient } from '../../device-core/client/gateway-client.js';
import { startReplication, type ReplicationHandle } from '../../pwa/src/sync/start-replication.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One phone: its own IndexedDB (fake-indexeddb in Node), RxDB, and replication to the real gateway. */
interface Device {
  databases: Databases;
  /** The signed-in user's own database on this phone. */
  db: UserDatabase;
  start(): ReplicationHandle;
  stop(): Promise<void>;
  application(id: string): Promise<ApplicationDoc | null>;
}

const GUIDE = { id: 'guide-rx-000001', name: '个体工商户设立登记', version: 1 };

describe('RxDB clients replicating through the gateway', () => {
  let gateway: TestGateway;
  const devices: Device[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  afterEach(async () => {
    await Promise.all(
      devices.splice(0).map(async (d) => {
        await d.stop();
        await d.databases.close();
      }),
    );
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function newDevice(account: { userId: string; token: string }): Promise<Device> {
    // Two phones at once would open 18 collections (RxDB's open core allows 15):
    // the checklist marks and households (agents only) are not used here.
    const databases = await createTestDatabases({ leaveClosed: ['guidemarks', 'households'] });
    const db = await databases.openUser(account.userId);
    const client = createGatewayClient({ baseUrl: gateway.url, getToken: () => account.token });
    let handle: ReplicationHandle | null = null;
    const device: Device = {
      databases,
      db,
      start() {
        handle = startReplication({ device: databases.device, client, user: { id: account.userId, db }, live: true, retryTime: 200, waitForLeadership: false });
        return handle;
      },
      async stop() {
        await handle?.stop();
        handle = null;
      },
      async application(id) {
        const doc = await db.applications.findOne(id).exec();
        return doc ? (doc.toJSON() as ApplicationDoc) : null;
      },
    };
    devices.push(device);
    return device;
  }

  async function signedInAccount(role: 'applicant' | 'agent' = 'applicant') {
    const account = await gateway.createAccount(role);
    return { userId: account.userId, token: await gateway.signIn(account.login, account.password) };
  }

  function newApplication(device: Device, name: string, now?: () => Date) {
    return createDataApi({ device: device.databases.device, user: device.db }, { now }).createApplication({
      guide: GUIDE,
      applicant: { name, phone: '13800138000' },
      form: { shopName: `${name}的小卖部`, businessScope: '日用百货零售' },
    });
  }

  it('should converge two devices of one user, with the gateway stamp on both', async () => {
    const account = await signedInAccount();
    const a = await newDevice(account);
    const b = await newDevice(account);
    a.start();
    b.start();
    const created = await newApplication(a, '王秀英');
    await createDataApi({ device: a.databases.device, user: a.db }).submitApplication(created.id);

    await expect.poll(async () => (await b.application(created.id))?.server?.receivedAt, { timeout: 20_000 }).toBeTruthy();
    await expect.poll(async () => (await a.application(created.id))?.server?.receivedAt, { timeout: 20_000 }).toBeTruthy();
    const [onA, onB] = [await a.application(created.id), await b.application(created.id)];
    expect(onB).toEqual(onA);
    expect(onB?.lifecycle).toBe('submitted');
  });

  it('should resolve a concurrent offline edit by the protocol rule on both devices', async () => {
    const account = await signedInAccount('agent');
    const a = await newDevice(account);
    const b = await newDevice(account);
    const handleA = a.start();
    b.start();
    const created = await newApplication(a, '李建国');
    await expect.poll(async () => (await b.application(created.id))?.server?.receivedAt, { timeout: 20_000 }).toBeTruthy();
    await handleA.awaitInSync();

    // Both go offline and edit: A the shop name and the phone, B the business scope and the phone.
    await a.stop();
    await b.stop();
    await (await a.db.applications.findOne(created.id).exec())!.incrementalModify((doc) => {
      doc.form = { ...doc.form, shopName: '建国农资店' };
      doc.applicant = { ...doc.applicant, phone: '13900000001' };
      return doc;
    });
    await (await b.db.applications.findOne(created.id).exec())!.incrementalModify((doc) => {
      doc.form = { ...doc.form, businessScope: '化肥、种子零售' };
      doc.applicant = { ...doc.applicant, phone: '13900000002' };
      return doc;
    });

    // A reaches the gateway first, then B: B's push conflicts and is merged.
    await a.start().awaitInSync();
    await b.start().awaitInSync();

    const expected = { shopName: '建国农资店', businessScope: '化肥、种子零售' };
    await expect.poll(async () => (await a.application(created.id))?.form, { timeout: 20_000 }).toEqual(expected);
    await expect.poll(async () => (await b.application(created.id))?.form, { timeout: 20_000 }).toEqual(expected);
    // Both changed the phone: the first write to reach the gateway stands.
    expect((await a.application(created.id))?.applicant.phone).toBe('13900000001');
    expect((await b.application(created.id))?.applicant.phone).toBe('13900000001');
    const master = await gateway.couch.use<{ data: ApplicationDoc }>(gateway.userDbName(account.userId, 'applications')).get(created.id);
    expect(master.data.form).toEqual(expected);
    expect(master.data.applicant.phone).toBe('13900000001');
  });

  it('should deliver a change from a device whose clock is days behind to a device that already synced later', async () => {
    const account = await signedInAccount();
    const upToDate = await newDevice(account);
    const slowClock = await newDevice(account);
    upToDate.start();
    const recent = await newApplication(upToDate, '现在');
    await expect.poll(async () => (await upToDate.application(recent.id))?.server?.receivedAt, { timeout: 20_000 }).toBeTruthy();

    const tenDaysAgo = () => new Date(Date.now() - 10 * DAY_MS);
    const old = await newApplication(slowClock, '十天前', tenDaysAgo);
    expect(old.createdAt < recent.createdAt).toBe(true);
    slowClock.start();

    await expect.poll(async () => (await upToDate.application(old.id))?.applicant.name, { timeout: 20_000 }).toBe('十天前');
    await expect.poll(async () => (await slowClock.application(recent.id))?.applicant.name, { timeout: 20_000 }).toBe('现在');
  });

  it("should never bring one user's applications to another user's device", async () => {
    const alice = await signedInAccount();
    const bob = await signedInAccount();
    const aliceDevice = await newDevice(alice);
    const bobDevice = await newDevice(bob);
    aliceDevice.start();
    const created = await newApplication(aliceDevice, '爱丽丝');
    await expect.poll(async () => (await aliceDevice.application(created.id))?.server?.receivedAt, { timeout: 20_000 }).toBeTruthy();

    await bobDevice.start().awaitInSync();
    expect(await bobDevice.db.applications.count().exec()).toBe(0);
  });
});
