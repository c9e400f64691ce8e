/**
 * Starts a real gateway for tests: the Koa app on a random port (127.0.0.1)
 * with a silent logger, on the test store (`test-store.ts`): the CouchDB of
 * `TEST_COUCHDB_URL` with a database prefix of its own (dropped on close), or
 * else the embedded store in a fresh temporary directory behind the strict
 * proxy, which answers as Apache CouchDB 3 does (opaque sequences, `_changes`
 * out of order, credentials required…). `couchUrl` bypasses both.
 *
 * ```ts
 * const gateway = await startTestGateway({ seed: true });      // bundled catalogue + demo accounts
 * const alice = await gateway.createAccount('applicant');       // { login, password, userId }
 * const token = await gateway.signIn(alice.login, alice.password);
 * await fetch(`${gateway.url}/v1/sync/applications/pull`, { headers: gateway.headers(token) });
 * gateway.couch.use(gateway.userDbName(alice.userId, 'applications'));  // look at what was stored
 * gateway.couch.use(gateway.dbNames.guidesDb('331123'));              // one area's guides
 * await gateway.close();                                        // also removes the temp dir
 * ```
 * Pass `dataDir` to keep data across a restart: the caller then owns (and removes) it;
 * on an external CouchDB the databases are then kept too (the prefix is remembered in
 * `dataDir`): call `dropDatabases()` after the last restart.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerScope } from 'nano';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type Role, type SessionResponse } from '../../sync-protocol/index.js';
import type { Clock } from '../../gateway/clock.js';
import { createAccount as createAccountCommand } from '../../gateway/commands/create-account.js';
import { readConfig } from '../../gateway/config.js';
import { createSilentLogger, type Logger } from '../../gateway/logger.js';
import { startGateway } from '../../gateway/server.js';
import type { DbNames, PrivateCollection } from '../../gateway/store/db-names.js';
import type { Store } from '../../gateway/store/store.js';
import type { Upstream } from '../../gateway/upstream/start-upstream.js';
import { startTestCouch, type TestCouch } from './test-store.js';

export interface TestGatewayOptions {
  /** Built PWA to serve (e.g. `dist`); default: none. */
  staticDir?: string;
  /** Import the bundled catalogue (areas and guides) and create the demo accounts; default false. */
  seed?: boolean;
  /** Reuse a data directory (restart tests); it is then kept on close. */
  dataDir?: string;
  /** Use this CouchDB (as COUCHDB_URL) instead of the test store. */
  couchUrl?: string;
  /** The embedded store without the strict proxy, for benchmarks (TEST_COUCHDB_URL still wins). */
  lenientStore?: boolean;
  /** Database name prefix; default `tb` (on TEST_COUCHDB_URL, made unique to the test). */
  dbPrefix?: string;
  clock?: Clock;
  logger?: Logger;
  streamPingMs?: number;
  /** Material samples to serve at /samples/; default: the bundled ones. */
  samplesDir?: string;
  /** Wraps the gateway's store, e.g. to make one write fail. */
  wrapStore?: (store: Store) => Store;
  /** Environment of the way upstream (TB_PROVINCE_URL, TB_FORWARD_*…); default: no province, nothing forwarded. */
  upstreamEnv?: Record<string, string>;
}

export interface TestAccount {
  login: string;
  password: string;
  userId: string;
  role: Role;
}

export interface TestGateway {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  dataDir: string;
  /** The store's URL with its admin credentials (for a CLI run as COUCHDB_URL); never log it. */
  couchUrl: string;
  /** The database prefix in use (TB_DB_PREFIX). */
  dbPrefix: string;
  /** nano client of the gateway's store, to inspect what was stored. */
  couch: ServerScope;
  dbNames: DbNames;
  store: Store;
  /** The forwarder of this gateway, when it runs (upstreamEnv with TB_PROVINCE_URL). */
  upstream: Upstream | null;
  /** The test store's kind: `strict` (embedded behind the strict proxy), `external` (TEST_COUCHDB_URL) or `given` (couchUrl). */
  storeKind: TestCouch['kind'] | 'given';
  /** Drops the databases of an external test store kept for a restart (no-op otherwise). */
  dropDatabases(): Promise<void>;
  /** Name of a user's database for a private collection. */
  userDbName(userId: string, collection: PrivateCollection): string;
  /** Creates an account directly in the store (like the accounts CLI). */
  createAccount(role?: Role, displayName?: string): Promise<TestAccount>;
  /** Signs in over HTTP and answers the bearer token. */
  signIn(login: string, password: string): Promise<string>;
  /** Request headers with the protocol version, JSON content type, and the token if given. */
  headers(token?: string): Record<string, string>;
  close(): Promise<void>;
}

/** Starts a gateway on a fresh (or the given) data directory. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongban-test-'));
  const testCouch = options.couchUrl ? null : await startTestCouch({ dataDir, dbPrefix: options.dbPrefix, keepDatabases: !ownsDataDir, lenient: options.lenientStore });
  try {
    return await startOn(options, dataDir, ownsDataDir, testCouch);
  } catch (error) {
    await testCouch?.close();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startOn(options: TestGatewayOptions, dataDir: string, ownsDataDir: boolean, testCouch: TestCouch | null): Promise<TestGateway> {
  const config = {
    ...readConfig({
      TB_DATA_DIR: dataDir,
      TB_SEED: options.seed ? '1' : '0',
      PORT: '0',
      LOG_LEVEL: 'silent',
      COUCHDB_URL: options.couchUrl ?? testCouch!.url,
      TB_DB_PREFIX: testCouch?.dbPrefix ?? options.dbPrefix,
      ...options.upstreamEnv,
    }),
    staticDir: options.staticDir ?? join(dataDir, 'no-static-dir'),
    ...(options.samplesDir ? { samplesDir: options.samplesDir } : {}),
  };
  if (options.streamPingMs !== undefined) config.streamPingMs = options.streamPingMs;
  const clock = options.clock ?? { now: () => new Date() };
  const started = await startGateway(config, { logger: options.logger ?? createSilentLogger(), clock, wrapStore: options.wrapStore });
  let accountCount = 0;

  const headers = (token?: string): Record<string, string> => ({
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });

  return {
    url: started.url,
    port: started.port,
    dataDir,
    couchUrl: config.couchUrl!,
    dbPrefix: config.dbPrefix,
    couch: started.store.couch,
    dbNames: started.store.names,
    store: started.store,
    upstream: started.upstream,
    storeKind: testCouch?.kind ?? 'given',
    dropDatabases: async () => testCouch?.dropDatabases(),
    userDbName: (userId, collection) => started.store.names.userDb(userId, collection),
    async createAccount(role = 'applicant', displayName = '测试用户') {
      accountCount += 1;
      const login = `t-${role}-${accountCount}-${randomBytes(3).toString('hex')}`;
      const password = `pw-${randomBytes(6).toString('hex')}`;
      const { account } = await createAccountCommand({ accounts: started.store.accounts, clock }, { login, displayName, role, password });
      return { login, password, userId: account.userId, role };
    },
    async signIn(login, password) {
      const response = await fetch(`${started.url}/v1/session`, { method: 'POST', headers: headers(), body: JSON.stringify({ login, password }) });
      if (response.status !== 200) throw new Error(`sign-in as ${login} failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as SessionResponse).token;
    },
    headers,
    async close() {
      await started.close();
      await testCouch?.close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
