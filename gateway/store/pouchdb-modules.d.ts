// PouchDB 9 and express-pouchdb ship without type declarations; these cover
// only what gateway/store/embedded-couch.ts uses.
declare module 'pouchdb-core' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped upstream; embedded-couch.ts is its only user.
  const PouchDB: any;
  export default PouchDB;
}
declare module 'pouchdb-adapter-leveldb' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-find' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-mapreduce' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { Express } from 'express';
  interface ExpressPouchDBOptions {
    mode?: 'fullCouchDB' | 'minimumForPouchDB' | 'custom';
    configPath?: string;
    logPath?: string;
    inMemoryConfig?: boolean;
    overrideMode?: { include?: string[]; exclude?: string[] };
  }
  interface ExpressPouchDBApp extends Express {
    daemonManager: { stop(PouchDB: unknown): Promise<void> };
  }
  function expressPouchDB(PouchDB: unknown, opts?: ExpressPouchDBOptions): ExpressPouchDBApp;
  export default expressPouchDB;
}
