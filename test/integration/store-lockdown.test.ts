import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import { hashPassword } from '../../gateway/commands/password.js';
import { createBearerToken, createUserId, hashToken } from '../../gateway/commands/tokens.js';
import { ACCOUNT_IDS_MIGRATION_ID } from '../../gateway/store/migrate-account-ids.js';
import { CouchAccountStore } from '../../gateway/store/couch-accounts.js';
import { loadKeyedIds } from '../../gateway/store/keyed-ids.js';
import { couchRequestTarget } from '../../gateway/store/couch-request-target.js';
import { ADMIN_CREDENTIALS_FILE } from '../../gateway/store/embedded-credentials.js';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../gateway/store/embedded-couch.js';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { dropTestDatabases, externalCouchUrl, startTestCouch } from '../support/test-store.js';
import { createSyncHttpClient } from '../support/sync-http-client.js';

/**
 * Issue 11: the embedded store let any local process in (admin party), its
 * log recorded every login, and accounts and sessions were keyed by login
 * and token hash, so both reached URLs and logs.
 */

const PROTOCOL = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

async function rawCouch(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<number> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A pass-through HTTP proxy in front of a store that records every request line it forwards. */
async function startRecordingProxy(targetOrigin: string): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const target = new URL(targetOrigin);
  const seen: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    const forwarded = request({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Files a person could read a request path or login in: everything but LevelDB's own data files. */
function readableFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    if (/^\d+\.(log|ldb|sst)$/.test(entry.name) || entry.name.startsWith('MANIFEST-')) continue;
    files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

describe('the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-lockdown-'));
  let couch: EmbeddedCouch;
  let origin: string;

  beforeAll(async () => {
    couch = await startEmbeddedCouch(dir);
    origin = new URL(couch.url).origin;
    const db = nano(couch.url);
    await db.db.create('tb_locked');
    await db.use<{ idNumber: string }>('tb_locked').insert({ _id: 'secret-doc', idNumber: '332527198805120026' });
  });

  afterAll(async () => {
    await couch?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const attempts: Array<[string, string, string, unknown?]> = [
    ['list the databases', 'GET', '/_all_dbs'],
    ['read a database', 'GET', '/tb_locked'],
    ['read a document', 'GET', '/tb_locked/secret-doc'],
    ['list documents', 'GET', '/tb_locked/_all_docs?include_docs=true'],
    ['write a document', 'PUT', '/tb_locked/planted', { planted: true }],
    ['write in bulk', 'POST', '/tb_locked/_bulk_docs', { docs: [{ _id: 'planted-too' }] }],
    ['create a database', 'PUT', '/tb_planted'],
    ['open a cookie session', 'POST', '/_session', { name: 'tongban-admin', password: 'guess' }],
    ['read the changes', 'GET', '/tb_locked/_changes'],
  ];

  it.each(attempts)('should refuse to %s without credentials', async (_what, method, path, body) => {
    expect(await rawCouch(origin, method, path, {}, body)).toBe(401);
  });

  it.each(attempts)('should refuse to %s with a wrong password', async (_what, method, path, body) => {
    const wrong = { authorization: `Basic ${Buffer.from('tongban-admin:not-the-password').toString('base64')}` };
    expect(await rawCouch(origin, method, path, wrong, body)).toBe(401);
  });

  it('should answer its admin, whose credentials its URL carries', async () => {
    const target = couchRequestTarget(couch.url);
    expect(target.origin).toBe(origin);
    const response = await fetch(`${target.origin}/tb_locked/secret-doc`, { headers: target.headers });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ _id: 'secret-doc' });
    expect(await rawCouch(origin, 'PUT', '/tb_locked/by-admin', target.headers, { ok: 1 })).toBe(201);
  });

  it('should name its address without credentials for logs', () => {
    expect(couch.origin).toBe(origin);
    expect(couch.url).not.toBe(origin);
    expect(couch.url).toContain('@127.0.0.1:');
  });

  it('should keep its credentials in a file only its owner can read, and reuse them on the next start', async () => {
    expect(statSync(join(dir, ADMIN_CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    const before = couchRequestTarget(couch.url).headers;
    await couch.close();
    couch = await startEmbeddedCouch(dir);
    expect(couchRequestTarget(couch.url).headers).toEqual(before);
    expect(await rawCouch(couch.origin, 'GET', '/tb_locked/secret-doc', before)).toBe(200);
  });
});

describe('a gateway on a locked-down store', () => {
  const couchDir = mkdtempSync(join(tmpdir(), 'tongban-lockdown-couch-'));
  let couch: EmbeddedCouch;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let gateway: TestGateway;

  beforeAll(async () => {
    couch = await startEmbeddedCouch(couchDir);
    proxy = await startRecordingProxy(couch.origin);
    const viaProxy = new URL(couch.url);
    viaProxy.port = String(proxy.port);
    gateway = await startTestGateway({ couchUrl: viaProxy.toString() });
  });

  afterAll(async () => {
    await gateway?.close();
    await proxy?.close();
    await couch?.close();
    rmSync(couchDir, { recursive: true, force: true });
  });

  it('should never put a login, a token or its hash in a URL it sends the store', async () => {
    const account = await gateway.createAccount();
    const token = await gateway.signIn(account.login, account.password);
    const me = await fetch(`${gateway.url}/v1/me`, { headers: gateway.headers(token) });
    expect(me.status).toBe(200);
    const client = createSyncHttpClient(gateway.url, token);
    expect((await client.push('applications', [{ newDocumentState: sampleApplication(newDocumentId()) }])).body).toEqual({ conflicts: [], errors: [] });
    expect(await gateway.signIn(account.login, account.password)).not.toBe(token);

    const urls = proxy.seen.join('\n');
    expect(urls).toContain('_accounts');
    for (const secret of [account.login, encodeURIComponent(account.login), token, hashToken(token)]) expect(urls).not.toContain(secret);
  });
});

describe('keyed ids on one CouchDB shared by several gateways', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-lockdown-shared-'));
  let couch: EmbeddedCouch;

  beforeAll(async () => {
    couch = await startEmbeddedCouch(dir);
  });

  afterAll(async () => {
    await couch?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should give gateways that start at once the same pepper, and a login to only one of simultaneous creations', async () => {
    const client = nano(couch.url);
    await client.db.create('tb_accounts');
    const gateways = await Promise.all([1, 2, 3, 4, 5].map(() => loadKeyedIds(client, 'tb_accounts')));
    expect(new Set(gateways.map((ids) => ids.accountId('13800138000'))).size).toBe(1);

    const stores = gateways.map((ids) => new CouchAccountStore(client, 'tb_accounts', ids));
    const account = {
      login: '13800138000',
      userId: createUserId(),
      displayName: '同名',
      role: 'applicant' as const,
      passwordHash: 'scrypt$x',
      disabled: false,
      tokenGeneration: 0,
      createdAt: new Date().toISOString(),
    };
    const outcomes = await Promise.all(stores.map((store) => store.create({ ...account, userId: createUserId() })));
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(await stores[0].count()).toBe(1);
  });
});

describe('a gateway on its own embedded store', () => {
  // About the embedded store's files: with TEST_COUCHDB_URL the gateway keeps none in its data directory.
  it.skipIf(externalCouchUrl() !== undefined)('should write no file with request paths or logins beside the databases', async () => {
    const gateway = await startTestGateway();
    try {
      const account = await gateway.createAccount();
      for (let round = 0; round < 3; round += 1) {
        const token = await gateway.signIn(account.login, account.password);
        const client = createSyncHttpClient(gateway.url, token);
        await client.push('applications', [{ newDocumentState: sampleApplication(newDocumentId()) }]);
      }
      const files = readableFiles(gateway.dataDir);
      expect(files.map((file) => file.slice(gateway.dataDir.length))).not.toContainEqual(expect.stringMatching(/couch\.log$|log\.txt$/));
      for (const file of files) {
        const text = readFileSync(file, 'latin1');
        expect(text, file).not.toContain(account.login);
        expect(text, file).not.toContain('_accounts');
      }
    } finally {
      await gateway.close();
    }
  });
});

describe('a data directory from before opaque keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-lockdown-legacy-'));
  const login = '13800138000';
  const password = 'legacy-password-1';
  const token = createBearerToken();
  const userId = createUserId();
  const createdAt = new Date().toISOString();
  const legacyAccount = async () => ({
    _id: login,
    login,
    userId,
    displayName: '旧账户',
    role: 'applicant',
    passwordHash: await hashPassword(password),
    disabled: false,
    tokenGeneration: 0,
    createdAt,
  });
  const legacySession = { _id: hashToken(token), login, userId, tokenGeneration: 0, createdAt, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };

  /** Writes documents straight into the data directory's store, as an older gateway left them. */
  async function plant(docs: { accounts: object[]; sessions: object[] }, dropMigrationMark: boolean): Promise<void> {
    // The test store of this directory (the embedded one, or TEST_COUCHDB_URL under the prefix remembered there).
    const couch = await startTestCouch({ dataDir, keepDatabases: true });
    try {
      const client = nano(couch.url);
      const [accounts, sessions] = [`${couch.dbPrefix}_accounts`, `${couch.dbPrefix}_sessions`];
      for (const name of [accounts, sessions]) await client.db.create(name).catch(() => undefined);
      await client.use(accounts).bulk({ docs: docs.accounts });
      await client.use(sessions).bulk({ docs: docs.sessions });
      if (dropMigrationMark) {
        const mark = await client.use(accounts).get(ACCOUNT_IDS_MIGRATION_ID);
        await client.use(accounts).destroy(mark._id, mark._rev);
      }
    } finally {
      await couch.close();
    }
  }

  async function storedIds(gateway: TestGateway): Promise<string[]> {
    const accounts = await gateway.couch.use(gateway.dbNames.accounts).list();
    const sessions = await gateway.couch.use(gateway.dbNames.sessions).list();
    return [...accounts.rows, ...sessions.rows].map((row) => row.id);
  }

  async function expectTokenWorks(gateway: TestGateway): Promise<void> {
    const me = await fetch(`${gateway.url}/v1/me`, { headers: gateway.headers(token) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { id: userId, login } });
  }

  afterAll(async () => {
    await dropTestDatabases(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep existing accounts and tokens working, keyed by opaque ids from then on', async () => {
    await plant({ accounts: [await legacyAccount()], sessions: [legacySession] }, false);
    const gateway = await startTestGateway({ dataDir });
    try {
      await expectTokenWorks(gateway);
      expect(await gateway.signIn(login, password)).toEqual(expect.any(String));
      const ids = await storedIds(gateway);
      expect(ids).not.toContain(login);
      expect(ids).not.toContain(hashToken(token));
      expect(await gateway.store.accounts.count()).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('should finish a migration stopped after it wrote the new documents, without a second account', async () => {
    await plant({ accounts: [await legacyAccount()], sessions: [legacySession] }, true);
    const gateway = await startTestGateway({ dataDir });
    try {
      await expectTokenWorks(gateway);
      const ids = await storedIds(gateway);
      expect(ids).not.toContain(login);
      expect(ids).not.toContain(hashToken(token));
      expect(await gateway.store.accounts.count()).toBe(1);
      expect((await gateway.store.accounts.list()).map((account) => account.login)).toEqual([login]);
    } finally {
      await gateway.close();
    }
  });
});

describe("the gateway's 404", () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => gateway?.close());

  it('should not echo a token a client put in a path', async () => {
    const token = createBearerToken();
    for (const path of [`/v1/session/${token}`, `/v1/${token}`, `/${token}`]) {
      const response = await fetch(`${gateway.url}${path}`, { headers: { ...PROTOCOL, accept: 'application/json' } });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(token.slice(0, 12));
    }
  });
});
