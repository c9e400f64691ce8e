import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import findPlugin from 'pouchdb-find';
import mapreducePlugin from 'pouchdb-mapreduce';
import replicationPlugin from 'pouchdb-replication';
import { acquireDataDirLock } from './data-dir-lock.js';
import { createDbUpdates } from './embedded-db-updates.js';

/** A CouchDB-compatible HTTP server running inside this process. */
export interface EmbeddedCouch {
  /** Base URL without credentials (admin party: the server listens on loopback only). */
  readonly url: string;
  close(): Promise<void>;
}

const PLUGINS_APPLIED = Symbol.for('tongban.pouchdbPluginsApplied');

/**
 * PouchDB plugins patch PouchDB's shared prototype and throw when applied
 * twice, so they are applied once per process; every embedded store then
 * takes its own `defaults()` subclass with its own data directory.
 */
function loadPouchDB(): any {
  if (!PouchDB[PLUGINS_APPLIED]) {
    PouchDB.plugin(leveldbAdapter).plugin(findPlugin).plugin(mapreducePlugin).plugin(replicationPlugin);
    PouchDB[PLUGINS_APPLIED] = true;
  }
  return PouchDB;
}

/**
 * Starts express-pouchdb (fullCouchDB mode) on 127.0.0.1 with a random free
 * port, storing LevelDB databases, config.json and the log under `dataDir`.
 * The gateway reaches it through nano over HTTP like any Apache CouchDB.
 */
export async function startEmbeddedCouch(dataDir: string): Promise<EmbeddedCouch> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = acquireDataDirLock(dir);
  try {
    return await startOnLockedDir(dir, lock.release);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startOnLockedDir(dir: string, releaseLock: () => void): Promise<EmbeddedCouch> {
  const LocalPouchDB = loadPouchDB().defaults({ prefix: `${dir}/`, adapter: 'leveldb' });
  const openedNames = new Set<string>();
  const onCreated = (name: string) => openedNames.add(name);
  const onDestroyed = (name: string) => openedNames.delete(name);
  LocalPouchDB.on('created', onCreated);
  LocalPouchDB.on('destroyed', onDestroyed);

  const couchApp = expressPouchDB(LocalPouchDB, {
    mode: 'fullCouchDB',
    configPath: join(dir, 'config.json'),
    logPath: join(dir, 'couch.log'),
  });
  const app = express();
  // express-pouchdb answers `_db_updates` with 400; the gateway's shared change feeds need it.
  app.use(createDbUpdates());
  app.use(couchApp);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('listening', resolveListen);
    server.once('error', rejectListen);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
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
