import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { inspectablePhones } from '../../pwa/src/db/test-database.js';
import { createGatewayClient } from '../../device-core/client/gateway-client.js';
import { startReplication, type ReplicationHandle } from '../../pwa/src/sync/start-replication.js';
import { pushUnsentApplications } from '../../sw/background-push.js';
import { readOutgoingApplications } from '../../device-core/outgoing/outgoing.js';
import { openTransferStore } from '../../device-core/transfer/transfer-store.js';
import { mirrorOutgoing } from '../../pwa/src/db/outgoing-mirror.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

const AT = '2026-11-26T03:00:00.000Z';

function submitted(id: string, name: string): ApplicationDoc {
  return {
    id,
    guideId: 'guide-331123-getihu-sheli',
    guideVersion: 3,
    guideName: '个体工商户设立登记',
    applicant: { name },
    form: { shopName: `${name}小吃店` },
    lifecycle: 'submitted',
    createdAt: AT,
    updatedAt: AT,
    submittedAt: AT,
  };
}

/**
 * The service worker pushing applications filed offline while the page is
 * closed (sw/background-push.ts), against a real gateway, and the page's own
 * replication afterwards: nothing duplicated, nothing in conflict.
 */
describe('applications pushed by the service worker', () => {
  let gateway: TestGateway | undefined;
  const phones = inspectablePhones();
  let replication: ReplicationHandle | undefined;

  afterEach(async () => {
    await replication?.stop();
    await phones.closeAll();
    await gateway?.close();
    replication = gateway = undefined;
  });

  async function phoneOf(userId: string) {
    const phone = await phones.open(userId);
    // What the worker reads: the outgoing work the page hands over in the transfer database.
    const unsent = async () => {
      const store = await openTransferStore(phone.indexedDB);
      try {
        await mirrorOutgoing(phone.db, userId, store);
        return await readOutgoingApplications(store, userId);
      } finally {
        store.close();
      }
    };
    return { ...phone, unsent };
  }

  async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    await vi.waitFor(
      async () => {
        if (!(await condition())) throw new Error('condition not met in time');
      },
      { timeout: timeoutMs, interval: 25 },
    );
  }

  it("should store each application once, even pushed twice, and leave the page's later push unchanged and without conflicts", async () => {
    gateway = await startTestGateway();
    const agent = await gateway.createAccount('applicant');
    const token = await gateway.signIn(agent.login, agent.password);
    const phone = await phoneOf(agent.userId);
    await phone.db.applications.bulkInsert([submitted('app-bg-000001', '王秀英'), submitted('app-bg-000002', '李建国')]);
    const filed = new Map((await phone.db.applications.find().exec()).map((d) => [d.id, d.toJSON()]));

    const client = createGatewayClient({ baseUrl: gateway.url, getToken: () => token });
    expect(await pushUnsentApplications({ documents: await phone.unsent(), token, baseUrl: gateway.url })).toBe('sent');
    const first = await client.pull<ApplicationDoc>('applications', undefined, 100);
    expect(first.documents.map((d) => d.id).sort()).toEqual(['app-bg-000001', 'app-bg-000002']);
    for (const doc of first.documents) {
      const { server, _deleted, ...content } = doc;
      expect(content).toEqual(filed.get(doc.id));
      expect(server?.receivedAt).toBeTruthy();
    }

    // The browser fires the sync again (the answer was lost, say): nothing new is written.
    expect(await pushUnsentApplications({ documents: await phone.unsent(), token, baseUrl: gateway.url })).toBe('sent');
    const second = await client.pull<ApplicationDoc>('applications', first.checkpoint, 100);
    expect(second.documents).toEqual([]);

    // The page opens: its replication pushes the same documents, which the gateway finds unchanged.
    const pushes: { conflicts: number; errors: number }[] = [];
    const watched = {
      ...client,
      async push<T>(collection: Parameters<typeof client.push>[0], rows: Parameters<typeof client.push<T>>[1]) {
        const response = await client.push<T>(collection, rows);
        pushes.push({ conflicts: response.conflicts.length, errors: response.errors.length });
        return response;
      },
    };
    replication = startReplication({
      device: phone.databases.device,
      client: watched,
      user: { id: agent.userId, db: phone.db },
      live: true,
      retryTime: 200,
      waitForLeadership: false,
    });
    await waitFor(async () => (await phone.db.applications.find().exec()).every((d) => Boolean(d.toJSON().server?.receivedAt)));
    await replication.awaitInSync();
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((p) => p.conflicts === 0 && p.errors === 0)).toBe(true);
    expect(await phone.db.syncissues.find().exec()).toEqual([]);
    expect((await client.pull<ApplicationDoc>('applications', first.checkpoint, 100)).documents).toEqual([]);
    // Acknowledged: the worker has nothing more to push.
    expect(await phone.unsent()).toEqual([]);
  });

  /**
   * Issue 12: the draft was pushed and landed, but its answer was lost (the phone went offline), so the phone
   * never learnt the gateway holds it; then the person submitted offline. Both the worker's push and the page's
   * (no assumed master) meet the draft: resolved with "the master wins", the submission turned back into a draft.
   */
  async function phoneWithUnacknowledgedDraft(id: string) {
    gateway = await startTestGateway();
    const agent = await gateway.createAccount('applicant');
    const token = await gateway.signIn(agent.login, agent.password);
    const phone = await phoneOf(agent.userId);
    const client = createGatewayClient({ baseUrl: gateway.url, getToken: () => token });
    const { submittedAt: _s, ...draft } = { ...submitted(id, '赵玉兰'), lifecycle: 'draft' as const };
    const doc = await phone.db.applications.insert(draft);
    await client.push('applications', [{ assumedMasterState: null, newDocumentState: { ...draft, _deleted: false } }]);
    await doc.incrementalPatch({ lifecycle: 'submitted', submittedAt: AT });
    return { gateway, agent, token, phone, client };
  }

  async function lifecycleAtGateway(client: ReturnType<typeof createGatewayClient>, id: string) {
    return (await client.pull<ApplicationDoc>('applications', undefined, 100)).documents.find((d) => d.id === id)?.lifecycle;
  }

  it('should resolve the conflict with a draft the gateway holds from the worker, so the submission reaches the gateway and stays submitted on the page', async () => {
    const { agent, token, phone, client } = await phoneWithUnacknowledgedDraft('app-bg-000004');
    expect(await pushUnsentApplications({ documents: await phone.unsent(), token, baseUrl: gateway!.url })).toBe('sent');
    expect(await lifecycleAtGateway(client, 'app-bg-000004')).toBe('submitted');

    replication = startReplication({ device: phone.databases.device, client, user: { id: agent.userId, db: phone.db }, live: true, retryTime: 200, waitForLeadership: false });
    await waitFor(async () => Boolean((await phone.db.applications.findOne('app-bg-000004').exec())?.toJSON().server?.receivedAt));
    await replication.awaitInSync();
    expect((await phone.db.applications.findOne('app-bg-000004').exec())?.lifecycle).toBe('submitted');
  });

  it('should keep the submission on the page when its replication meets a draft the gateway holds and the phone never saw acknowledged', async () => {
    const { agent, phone, client } = await phoneWithUnacknowledgedDraft('app-bg-000005');
    replication = startReplication({ device: phone.databases.device, client, user: { id: agent.userId, db: phone.db }, live: true, retryTime: 200, waitForLeadership: false });
    await waitFor(async () => Boolean((await phone.db.applications.findOne('app-bg-000005').exec())?.toJSON().server?.receivedAt));
    await replication.awaitInSync();
    expect((await phone.db.applications.findOne('app-bg-000005').exec())?.lifecycle).toBe('submitted');
    expect(await lifecycleAtGateway(client, 'app-bg-000005')).toBe('submitted');
  });

  it('should stop for a session the gateway no longer knows, and ask to retry when the gateway cannot be reached', async () => {
    gateway = await startTestGateway();
    const agent = await gateway.createAccount('applicant');
    const phone = await phoneOf(agent.userId);
    await phone.db.applications.insert(submitted('app-bg-000003', '张桂兰'));
    const documents = await phone.unsent();

    expect(await pushUnsentApplications({ documents, token: 'not-a-token', baseUrl: gateway.url })).toBe('stopped');
    const url = gateway.url;
    await gateway.close();
    gateway = undefined;
    expect(await pushUnsentApplications({ documents, token: 'any', baseUrl: url })).toBe('retry');
    expect(await pushUnsentApplications({ documents: [], token: 'any', baseUrl: url })).toBe('nothing');
  });
});
