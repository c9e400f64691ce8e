import type { DocumentScope, ServerScope } from 'nano';
import { couchStatus, guardCouch } from './couch-errors.js';
import { fetchByIds } from './fetch-by-ids.js';
import { ACCOUNT_ID_PREFIX, PEPPER_DOC_ID, type KeyedIds } from './keyed-ids.js';

/** Written to the accounts database once every old id is gone, so later starts skip the scan. */
export const ACCOUNT_IDS_MIGRATION_ID = 'tongban_migration_opaque_ids';
/** Documents read and written per round trip. */
const BATCH = 200;
/** The old session id: the bare sha256 of the token, hex. */
const LEGACY_SESSION_ID = /^[0-9a-f]{64}$/;

type Doc = { _id: string; _rev: string; login?: unknown; [field: string]: unknown };

export interface MigrationResult {
  accounts: number;
  sessions: number;
  /** False when an old document changed while it was moved; the next start tries again. */
  complete: boolean;
}

interface Move {
  db: DocumentScope<Doc>;
  /** The new id of an old document, or null when the document is not one of the old scheme. */
  newIdOf(doc: Doc): string | null;
  isCandidate(id: string): boolean;
}

async function bulkWrite(db: DocumentScope<Doc>, docs: object[]): Promise<Array<{ ok: boolean; error?: string }>> {
  const answer = await guardCouch(() => db.bulk({ docs }));
  return answer.map((row) => ({ ok: !row.error, error: row.error }));
}

/**
 * Moves one batch: writes each document under its new id, then deletes the
 * old one. Killed in between, the next run finds the new document (a
 * conflict, taken as done) and deletes the old one; nothing is lost and no
 * login is ever held twice under two new ids.
 */
async function moveBatch(move: Move, ids: string[]): Promise<{ moved: number; complete: boolean }> {
  const olds = [...(await fetchByIds(move.db, ids)).values()].flatMap((doc) => {
    const newId = move.newIdOf(doc);
    return newId ? [{ doc, newId }] : [];
  });
  if (olds.length === 0) return { moved: 0, complete: true };
  const written = await bulkWrite(
    move.db,
    olds.map(({ doc: { _id, _rev, ...fields }, newId }) => ({ ...fields, _id: newId })),
  );
  const failed = written.find((row) => !row.ok && row.error !== 'conflict');
  if (failed) throw new Error(`moving documents to opaque ids failed: ${failed.error}`);
  const deleted = await bulkWrite(
    move.db,
    olds.map(({ doc }) => ({ _id: doc._id, _rev: doc._rev, _deleted: true })),
  );
  return { moved: olds.length, complete: deleted.every((row) => row.ok) };
}

async function moveAll(move: Move): Promise<{ moved: number; complete: boolean }> {
  // Listing ids is a GET without keys; the old ids travel only in the answer's body.
  const listing = await guardCouch(() => move.db.list());
  const candidates = listing.rows.map((row) => row.id).filter((id) => move.isCandidate(id));
  let moved = 0;
  let complete = true;
  for (let start = 0; start < candidates.length; start += BATCH) {
    const batch = await moveBatch(move, candidates.slice(start, start + BATCH));
    moved += batch.moved;
    complete &&= batch.complete;
  }
  return { moved, complete };
}

async function isMigrated(accounts: DocumentScope<Doc>): Promise<boolean> {
  return (await fetchByIds(accounts, [ACCOUNT_IDS_MIGRATION_ID])).has(ACCOUNT_IDS_MIGRATION_ID);
}

/** The document saying a complete run happened: how many it moved, and when. */
interface MigrationMarker {
  _id: string;
  accounts: number;
  sessions: number;
  at: string;
}

async function markMigrated(accounts: DocumentScope<MigrationMarker>, result: MigrationResult): Promise<void> {
  try {
    await guardCouch(() => accounts.insert({ _id: ACCOUNT_IDS_MIGRATION_ID, accounts: result.accounts, sessions: result.sessions, at: new Date().toISOString() }));
  } catch (error) {
    if (couchStatus(error) !== 409) throw error;
  }
}

/**
 * Rewrites a store of the old scheme (accounts keyed by login, sessions by
 * the bare token hash) to keyed ids, so existing accounts and tokens keep
 * working. Idempotent and safe to stop at any point; after one complete run
 * it costs one read per start.
 */
export async function migrateAccountIds(couch: ServerScope, names: { accounts: string; sessions: string }, ids: KeyedIds): Promise<MigrationResult> {
  const accountsDb = couch.use<Doc>(names.accounts);
  if (await isMigrated(accountsDb)) return { accounts: 0, sessions: 0, complete: true };
  const accounts = await moveAll({
    db: accountsDb,
    // Only old account documents carry their login as their id.
    isCandidate: (id) => !id.startsWith('_design/') && !id.startsWith(ACCOUNT_ID_PREFIX) && id !== PEPPER_DOC_ID && id !== ACCOUNT_IDS_MIGRATION_ID,
    newIdOf: (doc) => (typeof doc.login === 'string' && doc.login === doc._id ? ids.accountId(doc.login) : null),
  });
  const sessions = await moveAll({
    db: couch.use<Doc>(names.sessions),
    isCandidate: (id) => LEGACY_SESSION_ID.test(id),
    newIdOf: (doc) => ids.sessionId(doc._id),
  });
  const result = { accounts: accounts.moved, sessions: sessions.moved, complete: accounts.complete && sessions.complete };
  if (result.complete) await markMigrated(couch.use<MigrationMarker>(names.accounts), result);
  return result;
}
