import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../gateway/commands/create-account.js';
import { toStoredDocument } from '../../gateway/domain/stored-document.js';
import { openStore } from '../../gateway/store/open-store.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PushResponse } from '../../sync-protocol/index.js';
import { killHard, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';
import { sampleApplication, type SampleDoc } from '../support/sample-documents.js';

/** `npm test` runs a small version; `npm run test:kill` the (500 applications, 10 kills). */
const APPS = Number(process.env.KILL_APPS ?? 60);
const ROUNDS = Number(process.env.KILL_ROUNDS ?? 3);
/** Rows per push, as the device sends them (README: up to 100). */
const BATCH = 100;
/** Complete drafts already in the account: more than one page of any listing, so a sweep that stops at its first page misses what a kill left. */
const DRAFTS = 600;

const headers = (token?: string) => ({ 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(token ? { authorization: `Bearer ${token}` } : {}) });

/**
 * Issue 11, "found under fault injection": one account pushes APPS
 * submitted, complete applications while the gateway process is SIGKILLed at
 * random moments, ROUNDS times, restarted on the same data each time, the
 * client retrying the same rows. Every application must reach the province
 * exactly once and the outbox must end with nothing pending or dead.
 */
describe('a gateway killed while applications are pushed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-push-kill-'));
  const agent = { login: 'push-kill-agent', password: 'push-kill-password' };
  const operator = { login: 'push-kill-operator', password: 'push-kill-operator-pw' };
  const apps: SampleDoc[] = Array.from({ length: APPS }, (_v, i) =>
    sampleApplication(`app-kill-${String(i).padStart(5, '0')}`, { lifecycle: 'submitted', submittedAt: '2026-12-03T08:00:00.000Z' }),
  );
  let province: TestProvince;
  let running: GatewayProcess | null = null;
  let env: Record<string, string>;

  beforeAll(async () => {
    province = await startTestProvince();
    const store = await openStore({ dataDir, dbPrefix: 'tb' });
    const clock = { now: () => new Date() };
    const { account } = await createAccount({ accounts: store.accounts, clock }, { ...agent, displayName: '王秀英', role: 'applicant' });
    await createAccount({ accounts: store.accounts, clock }, { ...operator, displayName: '运维', role: 'operator' });
    const drafts = Array.from({ length: DRAFTS }, (_v, i) => ({
      ...toStoredDocument(sampleApplication(`app-draft-${String(i).padStart(5, '0')}`), {
        receivedAt: '2026-12-03T07:00:00.000Z',
        owner: account.userId,
        completeAt: '2026-12-03T07:00:00.000Z',
      }),
      materialsComplete: true,
    }));
    await store.documents.writeDocuments({ collection: 'applications', userId: account.userId }, drafts);
    await store.close();
    env = { TB_DATA_DIR: dataDir, PORT: '0', TB_SEED: '0', LOG_LEVEL: 'warn', TB_STATIC_DIR: join(dataDir, 'none'), ...fastUpstream(province) };
  });

  afterAll(async () => {
    if (running) await killHard(running);
    await province?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(url: string, who: { login: string; password: string }): Promise<string> {
    const response = await fetch(`${url}/v1/session`, { method: 'POST', headers: headers(), body: JSON.stringify(who) });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** How long the last push took to answer: kills are spread over that span, so some land between the store and the queue. */
  let lastPushMs = 50;

  /** Pushes every row in batches, as a device retrying from the start; answers how many rows were refused. */
  async function pushAll(url: string, token: string, onSent: () => void = () => {}): Promise<number> {
    let refused = 0;
    for (let start = 0; start < apps.length; start += BATCH) {
      const rows = apps.slice(start, start + BATCH).map((app) => ({ newDocumentState: app }));
      const began = performance.now();
      const sent = fetch(`${url}/v1/sync/applications/push`, { method: 'POST', headers: headers(token), body: JSON.stringify({ rows }) });
      onSent();
      const answer = (await (await sent).json()) as PushResponse<unknown>;
      lastPushMs = performance.now() - began;
      refused += answer.conflicts.length + answer.errors.length;
    }
    return refused;
  }

  it('should forward every application exactly once and leave nothing pending or dead', { timeout: 60_000 + ROUNDS * 30_000 + APPS * 200 }, async () => {
    await province.setMode({ mode: 'up' });
    for (let round = 0; round < ROUNDS; round += 1) {
      const gateway = await startGatewayProcess(env);
      running = gateway;
      const token = await signIn(gateway.url, agent);
      // Killed a random moment after a random push went out: mid-request, between the store and the queue, or between pushes.
      const killAfter = Math.floor(Math.random() * Math.ceil(apps.length / BATCH));
      let sent = 0;
      let killing: Promise<void> | null = null;
      await pushAll(gateway.url, token, () => {
        if (sent++ === killAfter) killing = new Promise((resolve) => setTimeout(resolve, Math.random() * lastPushMs * 1.2)).then(() => killHard(gateway));
      }).catch(() => 'the kill cut the push');
      await (killing ?? killHard(gateway));
    }

    running = await startGatewayProcess(env);
    const token = await signIn(running.url, agent);
    expect(await pushAll(running.url, token)).toBe(0);
    await waitFor('every application to be one case at the province', async () => (await province.counts()).cases >= apps.length, 30_000 + APPS * 100, 100);
    const operatorToken = await signIn(running.url, operator);
    const backlog = await waitFor('the outbox to hold nothing pending', async () => {
      const answer = (await (await fetch(`${running!.url}/v1/admin/outbox`, { headers: headers(operatorToken) })).json()) as {
        backlog: { pending: number; dead: number; done: number };
      };
      return answer.backlog.pending === 0 ? answer.backlog : null;
    });

    const counts = await province.counts();
    expect(apps.filter((app) => counts.casesPerApplication[app.id] !== 1).map((app) => app.id)).toEqual([]);
    expect(counts.cases).toBe(apps.length);
    expect(backlog).toMatchObject({ pending: 0, dead: 0, done: apps.length });
  });
});
