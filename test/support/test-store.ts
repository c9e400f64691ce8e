/**
 * The CouchDB a test talks to, one definition for every test that needs a store:
 *
 * - with `TEST_COUCHDB_URL` (admin credentials included, e.g.
 *   `http://admin:pw@127.0.0.1:5984`): that CouchDB, with a database prefix of
 *   the test's own (`t<random>`), whose databases are dropped on close;
 * - otherwise: the embedded store on `dataDir`, behind the strict proxy
 *   (`strict-couch.ts`), so it answers as Apache CouchDB 3 does.
 *
 * ```ts
 * const couch = await startTestCouch({ dataDir });
 * openStore({ couchUrl: couch.url, dbPrefix: couch.dbPrefix, dataDir });
 * await couch.close();
 * ```
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nano from 'nano';
import { isValidDbPrefix } from '../../gateway/store/db-names.js';
import { startEmbeddedCouch } from '../../gateway/store/embedded-couch.js';
import { startStrictCouch } from './strict-couch.js';

export interface TestCouchOptions {
  /** Data directory of the embedded store (also where an external run remembers its prefix). */
  dataDir: string;
  /** A prefix the test insists on; on an external CouchDB it is made unique to the run. */
  dbPrefix?: string;
  /**
   * Keep the databases on close (a restart test that opens the same data again);
   * the prefix is remembered in `dataDir`, and `dropDatabases` cleans up at the end.
   */
  keepDatabases?: boolean;
  /** The embedded store without the strict proxy (benchmarks: figures without the proxy's own cost). */
  lenient?: boolean;
}

export interface TestCouch {
  /** CouchDB URL with admin credentials; never log it. */
  readonly url: string;
  readonly dbPrefix: string;
  /** `external` when TEST_COUCHDB_URL is set, else `strict` (embedded behind the proxy), or `lenient` when asked. */
  readonly kind: 'external' | 'strict' | 'lenient';
  /** Drops this prefix's databases (external only: the embedded store goes with its directory). */
  dropDatabases(): Promise<void>;
  close(): Promise<void>;
}

const PREFIX_FILE = 'test-db-prefix';

/** The external CouchDB of this run, if any. */
export function externalCouchUrl(): string | undefined {
  return process.env.TEST_COUCHDB_URL || undefined;
}

/** Starts (or connects to) the store of one test. */
export async function startTestCouch(options: TestCouchOptions): Promise<TestCouch> {
  const external = externalCouchUrl();
  if (external) return connectExternal(external, options);
  const embedded = await startEmbeddedCouch(options.dataDir);
  if (options.lenient) return { url: embedded.url, dbPrefix: options.dbPrefix ?? 'tb', kind: 'lenient', dropDatabases: async () => undefined, close: () => embedded.close() };
  try {
    const strict = await startStrictCouch({ target: embedded.url });
    return {
      url: strict.url,
      dbPrefix: options.dbPrefix ?? 'tb',
      kind: 'strict',
      dropDatabases: async () => undefined,
      async close() {
        await strict.close();
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

async function connectExternal(url: string, options: TestCouchOptions): Promise<TestCouch> {
  const dbPrefix = rememberedPrefix(options);
  const dropDatabases = () => dropPrefixed(url, dbPrefix);
  return {
    url,
    dbPrefix,
    kind: 'external',
    dropDatabases,
    async close() {
      if (!options.keepDatabases) await dropDatabases();
    },
  };
}

/** One prefix per data directory, so a restarted gateway finds its databases again. */
function rememberedPrefix(options: TestCouchOptions): string {
  const file = join(options.dataDir, PREFIX_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const prefix = `${options.dbPrefix ?? 't'}${randomBytes(5).toString('hex')}`;
  if (!isValidDbPrefix(prefix)) throw new Error(`Invalid test database prefix ${prefix}`);
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(file, prefix);
  return prefix;
}

/** Drops `<prefix>_*` only: other runs may share the CouchDB. */
export async function dropPrefixed(url: string, dbPrefix: string): Promise<void> {
  const couch = nano({ url });
  const names = await couch.db.list();
  for (const name of names.filter((n) => n.startsWith(`${dbPrefix}_`))) await couch.db.destroy(name).catch(() => undefined);
}

/**
 * After the last restart on a data directory the test kept: drops the databases
 * an external run left under the prefix remembered there (nothing to do in
 * strict mode, whose store lives in the directory itself).
 */
export async function dropTestDatabases(dataDir: string): Promise<void> {
  const external = externalCouchUrl();
  const file = join(dataDir, PREFIX_FILE);
  if (!external || !existsSync(file)) return;
  await dropPrefixed(external, readFileSync(file, 'utf8').trim());
}
