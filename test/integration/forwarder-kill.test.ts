import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../gateway/commands/create-account.js';
import { openStore } from '../../gateway/store/open-store.js';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { createFiler, type Filer } from '../support/filing.js';
import { killHard, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { externalCouchUrl, startTestCouch, type TestCouch } from '../support/test-store.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';

/**
 * A gateway process killed with SIGKILL while a submission is on the wire
 * (the province took it, its answer had not come back), then started again on
 * the same data: every application reaches the province, and each is one
 * case there; the resend after the restart is a replay the province
 * recognises by its Idempotency-Key (visible as a duplicate receipt).
 *
 * By default each gateway process runs its own embedded store, so SIGKILL hits
 * the store too (a one-process county deployment); that is why this test does
 * not use the strict proxy, which would live in the test process and survive
 * the kill. With TEST_COUCHDB_URL the processes share that CouchDB instead.
 */
describe('a gateway killed mid-forward', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-kill-'));
  let province: TestProvince;
  let running: GatewayProcess | null = null;
  let env: Record<string, string>;
  let external: TestCouch | null = null;
  const login = { login: 'kill-test', password: 'kill-test-password' };

  beforeAll(async () => {
    province = await startTestProvince();
    // The account is made in the store before the gateway owns it.
    external = externalCouchUrl() ? await startTestCouch({ dataDir }) : null;
    const storeEnv: Record<string, string> = external ? { COUCHDB_URL: external.url, TB_DB_PREFIX: external.dbPrefix } : {};
    const store = await openStore({ dataDir, dbPrefix: external?.dbPrefix ?? 'tb', couchUrl: external?.url });
    await createAccount({ accounts: store.accounts, clock: { now: () => new Date() } }, { ...login, displayName: '测试', role: 'applicant' });
    await store.close();
    env = { ...storeEnv, TB_DATA_DIR: dataDir, PORT: '0', TB_SEED: '0', LOG_LEVEL: 'warn', TB_STATIC_DIR: join(dataDir, 'none'), ...fastUpstream(province) };
  });

  afterAll(async () => {
    if (running) await killHard(running);
    await province?.close();
    await external?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(url: string): Promise<Filer> {
    const response = await fetch(`${url}/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tongban-protocol': '1' }, body: JSON.stringify(login) });
    return createFiler(url, ((await response.json()) as { token: string }).token);
  }

  it('should lose nothing and duplicate nothing at the province', async () => {
    running = await startGatewayProcess(env);
    let filer = await signIn(running.url);
    await province.setMode({ mode: 'down' });
    const apps: ApplicationDoc[] = [];
    for (let i = 0; i < 3; i += 1) apps.push(await filer.file(700 + i));

    // Back, but slow: the province does the work, then takes 1.5 s to answer. Kill while it answers.
    await province.setMode({ mode: 'slow', slowMs: 1500 });
    await waitFor('the province to take a submission', async () => (await province.counts()).totalReceipts >= 1, 20_000, 20);
    await killHard(running);
    const atKill = await province.counts();
    expect(Object.keys(atKill.casesPerApplication).length).toBeLessThan(apps.length);

    await province.setMode({ mode: 'up' });
    running = await startGatewayProcess(env);
    filer = await signIn(running.url);
    await waitFor(
      'every application forwarded after the restart',
      async () => {
        const forwarded = (await filer.statuses()).filter((s) => s.state === 'forwarded').map((s) => s.applicationId);
        return apps.every((app) => forwarded.includes(app.id));
      },
      30_000,
    );

    const counts = await province.counts();
    expect(apps.map((app) => counts.casesPerApplication[app.id])).toEqual([1, 1, 1]);
    expect(counts.cases).toBe(apps.length);
    // The submission cut off by the kill was sent again and answered from the first receipt.
    expect(counts.duplicates).toBeGreaterThanOrEqual(1);
    expect(counts.totalReceipts).toBe(counts.distinctKeys + counts.duplicates);
    const forwarded = (await filer.statuses()).filter((s) => s.state === 'forwarded');
    expect(forwarded).toHaveLength(apps.length);
  });
});
