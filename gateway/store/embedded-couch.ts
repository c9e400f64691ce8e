import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import findPlugin from 'pouchdb-find';
import mapreducePlugin from 'pouchdb-mapreduce';
import replicationPlugin from 'pouchdb-replication';
import { requireAdminCredentials } from './basic-auth-gate.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { loadOrCreateAdminCredentials, type AdminCredentials } from './embedded-credentials.js';
import { createDbUpdates } from './embedded-db-updates.js';

/** A CouchDB-compatible HTTP server running inside this process. */
export interface EmbeddedCouchOptions {
  /** Sees every request's method and path (no query, no body): benches count store round trips with it. */
  onRequest?: (method: string, path: string) => void;
}

export interface EmbeddedCouch {
  /**
   * Base URL with the admin credentials (`http://user:pass@127.0.0.1:port`),
   * for nano; never log it (Node's fetch refuses it: see couch-request-target.ts).
   */
  readonly url: string;
  /** Base URL without credentials, safe to log. */
  readonly origin: string;
  close(): Promise<void>;
}

const PLUGINS_APPLIED = Symbol.for('tongban.pouchdbPluginsApplied');

/**
 * PouchDB plugins patch PouchDB's shared prototype and throw when applied
 * twice, so they are applied once per process; every embedded store then
 * takes its own `defaults()` subclass with its own data directory.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- PouchDB 9 ships no type declarations (see pouchdb-modules.d.ts).
function loadPouchDB(): any {
  if (!PouchDB[PLUGINS_APPLIED]) {
    PouchDB.plugin(leveldbAdapter).plugin(findPlugin).plugin(mapreducePlugin).plugin(replicationPlugin);
    PouchDB[PLUGINS_APPLIED] = true;
  }
  return PouchDB;
}

/**
 * Parts of express-pouchdb's fullCouchDB mode left out: the request log
 * (every path, so every document id, written to a file without bound) and
 * the route that serves it.
 */
const EXCLUDED_PARTS = ['routes/http-log', 'routes/log'];
/** The request log earlier versions wrote: every login and token hash in a path (issue 11). */
const LEGACY_LOG_FILE = 'couch.log';

/**
 * Starts express-pouchdb (fullCouchDB mode) on 127.0.0.1 with a random free
 * port, storing LevelDB databases, config.json and the admin credentials
 * under `dataDir` (created owner-only when new). Like Apache CouchDB 3 it has
 * no admin party: every request needs the admin's credentials, which `url`
 * carries. The gateway reaches it through nano over HTTP like any CouchDB.
 */
export async function startEmbeddedCouch(dataDir: string, options: EmbeddedCouchOptions = {}): Promise<EmbeddedCouch> {
  const dir = resolve(dataDir);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lock = acquireDataDirLock(dir);
  try {
    rmSync(join(dir, LEGACY_LOG_FILE), { force: true });
    return await startOnLockedDir(dir, loadOrCreateAdminCredentials(dir), lock.release, options);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startOnLockedDir(dir: string, credentials: AdminCredentials, releaseLock: () => void, options: EmbeddedCouchOptions): Promise<EmbeddedCouch> {
  const LocalPouchDB = loadPouchDB().defaults({ prefix: `${dir}/`, adapter: 'leveldb' });
  const openedNames = new Set<string>();
  const onCreated = (name: string) => openedNames.add(name);
  const onDestroyed = (name: string) => openedNames.delete(name);
  LocalPouchDB.on('created', onCreated);
  LocalPouchDB.on('destroyed', onDestroyed);

  const couchApp = expressPouchDB(LocalPouchDB, {
    mode: 'fullCouchDB',
    configPath: join(dir, 'config.json'),
    // The logging part is required by others and always opens its file; the
    // little it still writes (debug lines stay below its level) goes nowhere.
    logPath: devNull,
    overrideMode: { exclude: EXCLUDED_PARTS },
  });
  const app = express();
  app.disable('x-powered-by');
  const { onRequest } = options;
  if (onRequest)
    app.use((req, _res, next) => {
      onRequest(req.method, req.path);
      next();
    });
  app.use(requireAdminCredentials(credentials));
  // express-pouchdb answers `_db_updates` with 400; the gateway's shared change feeds need it.
  app.use(createDbUpdates());
  app.use(couchApp);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('listening', resolveListen);
    server.once('error', rejectListen);
  });
  const { port } = server.address() as AddressInfo;

  const origin = `http://127.0.0.1:${port}`;
  const userInfo = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}`;
  return {
    url: `http://${userInfo}@127.0.0.1:${port}`,
    origin,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await couchApp.daemonManager.stop(LocalPouchDB);
      LocalPouchDB.removeListener('created', onCreated);
      LocalPouchDB.removeListener('destroyed', onDestroyed);
      // The 'created' event is process-wide; only close databases of this directory.
      // LevelDB handles are shared per path, so closing one instance closes them all.
      for (const name of openedNames) {
        if (!existsSync(join(dir, name))) continue;
        await new LocalPouchDB(name).close().catch(() => undefined);
      }
      releaseLock();
    },
  };
}
