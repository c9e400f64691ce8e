import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ApplicationDoc, type Role } from '../../sync-protocol/index.js';
import { createAccount } from '../../gateway/commands/create-account.js';
import { openStore } from '../../gateway/store/open-store.js';
import type { Store } from '../../gateway/store/store.js';
import { readStoreUrlFile } from '../../gateway/store/store-url-file.js';
import { startChildService, type ChildService } from '../support/child-service.js';
import { createFiler, type Filer } from '../support/filing.js';
import { createUpload, headUpload, patchUpload, seededBytes, sha256Hex } from '../support/material-transfer.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';

const ACCOUNTS = 40;
const APPLICATIONS_PER_ACCOUNT = 5;
const APPLICATIONS = ACCOUNTS * APPLICATIONS_PER_ACCOUNT;
const INSTANCES = ['gw-a', 'gw-b'];
const GATEWAY_READY = /Tongban gateway: (http:\/\/\S+)/;

interface InstanceCounts {
  id: string;
  delivered: number;
  claimConflicts: number;
  leaseRenewals: number;
}

/**
 * Two gateway processes on one store, both forwarding, under a storm of
 * submissions spread over both: every application becomes exactly one case at
 * the province, and the shared outbox ends with nothing pending and nothing
 * dead. The store is `npm run start:store` (the embedded store in its own
 * process, which both gateways reach through COUCHDB_URL) or, when
 * TEST_COUCHDB_URL is set, that CouchDB under a random database prefix,
 * dropped at the end.
 */
describe('two gateways on one store under a storm', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'tongban-two-gateways-'));
  const dbPrefix = process.env.TEST_COUCHDB_URL ? `tb2g${randomBytes(4).toString('hex')}` : 'tb';
  let storeProcess: ChildService | null = null;
  let couchUrl: string;
  let store: Store;
  let province: TestProvince;
  const gateways: ChildService[] = [];
  const accounts: { login: string; password: string; role: Role }[] = [];

  beforeAll(async () => {
    province = await startTestProvince();
    if (process.env.TEST_COUCHDB_URL) couchUrl = process.env.TEST_COUCHDB_URL;
    else {
      const storeDir = join(workDir, 'store');
      storeProcess = await startChildService('gateway/bin/store.ts', { TB_DATA_DIR: storeDir, LOG_LEVEL: 'warn' }, /Tongban store: /);
      // The printed line has no credentials; the file beside the store's data has the full URL.
      couchUrl = readStoreUrlFile(storeDir);
    }
    store = await openStore({ couchUrl, dataDir: join(workDir, 'unused'), dbPrefix });
    const clock = { now: () => new Date() };
    const wanted = [...Array.from({ length: ACCOUNTS }, (_, i) => ({ login: `storm-${i}`, role: 'applicant' as Role })), { login: 'storm-operator', role: 'operator' as Role }];
    for (const { login, role } of wanted) {
      const password = `pw-${randomBytes(6).toString('hex')}`;
      await createAccount({ accounts: store.accounts, clock }, { login, password, role, displayName: '压力测试' });
      accounts.push({ login, password, role });
    }
    for (const instance of INSTANCES) {
      const env = {
        COUCHDB_URL: couchUrl,
        TB_DB_PREFIX: dbPrefix,
        TB_DATA_DIR: join(workDir, instance),
        TB_INSTANCE_ID: instance,
        PORT: '0',
        TB_SEED: '0',
        LOG_LEVEL: 'warn',
        TB_STATIC_DIR: join(workDir, 'no-app'),
        ...fastUpstream(province),
      };
      gateways.push(await startChildService('gateway/bin/start.ts', env, GATEWAY_READY));
    }
  });

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    if (store && process.env.TEST_COUCHDB_URL) {
      const mine = (await store.couch.db.list()).filter((name) => name.startsWith(`${dbPrefix}_`));
      for (const name of mine) await store.couch.db.destroy(name);
    }
    await store?.close();
    await storeProcess?.stop();
    await province?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const urlOf = (gateway: ChildService) => gateway.match[1];

  async function signIn(url: string, account: { login: string; password: string }): Promise<string> {
    const response = await fetch(`${url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ login: account.login, password: account.password }),
    });
    if (response.status !== 200) throw new Error(`sign-in as ${account.login}: ${response.status}`);
    return ((await response.json()) as { token: string }).token;
  }

  /** One account's phone: signs in on its gateway, files its applications one after another. */
  async function fileAll(index: number): Promise<{ filer: Filer; apps: ApplicationDoc[] }> {
    const url = urlOf(gateways[index % gateways.length]);
    const filer = createFiler(url, await signIn(url, accounts[index]));
    const apps: ApplicationDoc[] = [];
    for (let i = 0; i < APPLICATIONS_PER_ACCOUNT; i += 1) apps.push(await filer.file(index * APPLICATIONS_PER_ACCOUNT + i));
    return { filer, apps };
  }

  async function instanceCounts(gateway: ChildService, token: string): Promise<InstanceCounts> {
    const response = await fetch(`${urlOf(gateway)}/v1/admin/outbox`, { headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    return ((await response.json()) as { instance: InstanceCounts }).instance;
  }

  it('should forward every application exactly once and leave nothing pending or dead', { timeout: 300_000 }, async () => {
    const filings = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => fileAll(i)));
    const apps = filings.flatMap((filing) => filing.apps);
    expect(new Set(apps.map((app) => app.id)).size).toBe(APPLICATIONS);

    await waitFor(
      'a case for every application',
      async () => {
        const { casesPerApplication } = await province.counts();
        return apps.every((app) => casesPerApplication[app.id] !== undefined);
      },
      240_000,
      250,
    );
    await waitFor('an outbox with nothing pending', async () => (await store.outbox.backlog(new Date())).pending === 0, 60_000, 250);

    const counts = await province.counts();
    const backlog = await store.outbox.backlog(new Date());
    const operator = accounts.find((account) => account.role === 'operator')!;
    const instances = await Promise.all(gateways.map(async (gateway) => instanceCounts(gateway, await signIn(urlOf(gateway), operator))));
    // Figures, not assertions: how the two forwarders shared the work.
    console.log(
      `two gateways: ${APPLICATIONS} applications, ${counts.cases} cases, ${counts.totalReceipts} receipts (${counts.duplicates} replayed under one Idempotency-Key); ` +
        instances.map((i) => `${i.id} delivered ${i.delivered}, claim conflicts ${i.claimConflicts}, lease renewals ${i.leaseRenewals}`).join('; '),
    );

    expect(apps.filter((app) => counts.casesPerApplication[app.id] !== 1)).toEqual([]);
    expect(counts.cases).toBe(APPLICATIONS);
    expect(counts.distinctKeys).toBe(APPLICATIONS);
    expect(counts.totalReceipts).toBe(counts.distinctKeys + counts.duplicates);
    expect(backlog).toMatchObject({ pending: 0, dead: 0, done: APPLICATIONS });
    // Both forwarders took part: the exactly-once above held between two of them.
    expect(instances.map((i) => i.id)).toEqual(INSTANCES);
    expect(instances.every((i) => i.delivered > 0)).toBe(true);
    // Every filer sees each of its applications forwarded, whichever instance sent it.
    for (const { filer, apps: mine } of filings) {
      const forwarded = (await filer.statuses()).filter((status) => status.state === 'forwarded').map((status) => status.applicationId);
      expect(forwarded.sort()).toEqual(mine.map((app) => app.id).sort());
    }
  });

  it('should name each upload after the instance that holds its bytes, and let no other instance answer for it', async () => {
    const [first, second] = gateways;
    const account = accounts[0];
    const bytes = seededBytes(3000, 9001);
    const created = await createUpload(urlOf(first), await signIn(urlOf(first), account), {
      length: bytes.length,
      metadata: { sha256: sha256Hex(bytes), contentType: 'image/jpeg' },
    });
    expect(created.status).toBe(201);
    // What deploy/nginx/tongban.conf routes on: /v1/materials/uploads/<instance>-<32 hex>.
    expect(new URL(created.location!).pathname).toMatch(new RegExp(`^/v1/materials/uploads/${INSTANCES[0]}-[0-9a-f]{32}$`));
    const onFirst = await signIn(urlOf(first), account);
    expect(await headUpload(created.location!, onFirst)).toMatchObject({ status: 200, offset: 0 });
    // The other instance has no such upload (a proxy falling back to it makes the device start again, nothing half-written).
    const elsewhere = created.location!.replace(urlOf(first), urlOf(second));
    const onSecond = await signIn(urlOf(second), account);
    expect((await headUpload(elsewhere, onSecond)).status).toBe(404);
    expect((await patchUpload(elsewhere, onSecond, 0, bytes)).status).toBe(404);
    expect(await patchUpload(created.location!, onFirst, 0, bytes)).toMatchObject({ status: 204, offset: bytes.length });
  });
});
