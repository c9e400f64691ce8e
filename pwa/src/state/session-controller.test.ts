import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuideDoc } from '../../../sync-protocol/index.js';
import type { Databases } from '../db/databases.js';
import { createTestDatabases } from '../db/test-database.js';
import { offlineError } from '../../../device-core/client/gateway-error.js';
import { createMemoryGateway } from '../../../test/support/memory-gateway.js';
import { createActions, type Actions } from './actions.js';
import { createAppState, type AppState } from './app-state.js';
import { connectSession, type SessionConnection } from './session-controller.js';
import { createSessionStore } from './session-store.js';

const guide: GuideDoc = {
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
};

/** One shared phone: its databases, app state, actions and session wiring, against an in-memory gateway. */
describe('a phone shared by two people', () => {
  let databases: Databases;
  let gateway: ReturnType<typeof createMemoryGateway>;
  let state: AppState;
  let session: SessionConnection;
  let actions: Actions;
  let signIns = 0;

  beforeEach(async () => {
    databases = await createTestDatabases();
    gateway = createMemoryGateway();
    gateway.seed('guides', { ...guide, _deleted: false });
    state = createAppState({ session: null, route: { name: 'guides' }, networkOnline: true, areas: ['331123'] });
    const client = gateway.clientFor(() => state.session.value?.user.id ?? null);
    session = connectSession({ databases, client, state, replication: { live: true, retryTime: 20, waitForLeadership: false } });
    actions = createActions({ state, client, sessions: createSessionStore(null), data: session.data });
    await (await session.settled())?.awaitInitialReplication();
  });
  afterEach(async () => {
    await session.dispose();
    await databases.close();
  });

  async function signInAs(userId: string, { awaitSync = true } = {}) {
    signIns += 1;
    state.session.value = { token: `token-${signIns}`, user: { id: userId, login: userId, displayName: userId, role: 'applicant' } };
    const replication = await session.settled();
    if (awaitSync) await replication?.awaitInitialReplication();
  }
  async function signOut() {
    actions.signOut();
    await session.settled();
  }
  const applications = () => firstValueFrom(session.data.value.applications$);
  const guideNames = async () => (await firstValueFrom(session.data.value.guides$)).map((g) => g.name);
  async function fileApplication(name: string) {
    const data = session.data.value;
    const app = await data.createApplication({ guide, applicant: { name }, form: {} });
    return data.submitApplication(app.id);
  }

  it("should show the next person none of the last one's applications, and each their own again", async () => {
    // The gateway cannot be reached all along: nothing may arrive through it, only through the phone.
    gateway.state.failWith = offlineError(new Error('no signal'));
    await signInAs('usera', { awaitSync: false });
    const [a1, a2] = [await fileApplication('王秀英'), await fileApplication('王秀英')];
    expect(await guideNames()).toEqual(['个体工商户登记']);

    await signOut();
    expect(databases.current()).toBeNull();
    expect(await guideNames()).toEqual(['个体工商户登记']);

    await signInAs('userb', { awaitSync: false });
    expect(await applications()).toEqual([]);
    expect(await guideNames()).toEqual(['个体工商户登记']);
    const b1 = await fileApplication('李建国');

    await signOut();
    await signInAs('usera', { awaitSync: false });
    const views = await applications();
    expect(views.map((v) => v.application.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(views.map((v) => v.syncState)).toEqual(['pending', 'pending']);
    expect(views.some((v) => v.application.id === b1.id)).toBe(false);
    expect(await guideNames()).toEqual(['个体工商户登记']);
  });

  it('should send an unsent application under its own account at the next sign-in, never under another', async () => {
    await signInAs('usera');
    gateway.state.failWith = offlineError(new Error('no signal'));
    const a1 = await fileApplication('王秀英');
    await signOut();

    gateway.state.failWith = null;
    await signInAs('userb');
    expect(gateway.read('applications', a1.id, 'userb')).toBeUndefined();
    expect(gateway.read('applications', a1.id, 'usera')).toBeUndefined();
    await signOut();

    await signInAs('usera');
    expect(gateway.read('applications', a1.id, 'usera')).toMatchObject({ lifecycle: 'submitted', applicant: { name: '王秀英' } });
    expect(gateway.read('applications', a1.id, 'userb')).toBeUndefined();
  });

  it('should warn with the number of unsent applications before signing out, and sign out only when confirmed', async () => {
    await signInAs('usera');
    await fileApplication('王秀英');
    await fileApplication('王秀英');
    await session.data.value.createApplication({ guide, applicant: { name: '草稿' }, form: {} });

    await actions.requestSignOut();
    expect(state.signOutPrompt.value).toEqual({ unsent: 2 });
    actions.cancelSignOut();
    expect(state.signOutPrompt.value).toBeNull();
    expect(state.session.value?.user.id).toBe('usera');

    await actions.requestSignOut();
    await signOut();
    expect(state.signOutPrompt.value).toBeNull();
    expect(state.session.value).toBeNull();
  });

  it("should never show the previous person's data while the next one's database opens", async () => {
    await signInAs('usera');
    await fileApplication('王秀英');
    actions.signOut();
    state.session.value = { token: 'token-b', user: { id: 'userb', login: 'b', displayName: 'b', role: 'applicant' } };
    // Before any database work finished, the data in use is no longer A's.
    await expect(session.data.value.createApplication({ guide, applicant: { name: '李建国' }, form: {} })).rejects.toThrow('nobody is signed in');
    await session.settled();
    expect(await applications()).toEqual([]);
  });
  it('should download the guides of an area chosen while the app runs, and remove those of an area dropped', async () => {
    gateway.seed('guides', { ...guide, id: 'guide-songyang', name: '松阳县的指南', areaCode: '331124', _deleted: false });
    expect(await guideNames()).toEqual(['个体工商户登记']);
    state.areas.value = ['331123', '331124'];
    await expect.poll(guideNames).toEqual(['个体工商户登记', '松阳县的指南']);
    state.areas.value = ['331124'];
    await expect.poll(guideNames).toEqual(['松阳县的指南']);
  });
});
