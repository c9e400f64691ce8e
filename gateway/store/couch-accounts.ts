import type { ServerScope } from 'nano';
import { couchStatus, guardCouch } from './couch-errors.js';
import { BatchedReads } from './batched-reads.js';
import { fetchByIds } from './fetch-by-ids.js';
import { ACCOUNT_ID_PREFIX, type KeyedIds } from './keyed-ids.js';
import type { Account, AccountStore, Session, SessionStore } from './store.js';

type AccountDoc = Omit<Account, '_rev'> & { _id: string; _rev?: string };
type SessionDoc = Omit<Session, 'tokenHash'> & { _id: string; _rev?: string };

function toAccount(doc: AccountDoc): Account {
  const { _id, ...account } = doc;
  return account;
}

/**
 * Accounts keyed by the HMAC of their login (see keyed-ids.ts): the id is the
 * claim that makes a login unique, without an index, and no login reaches a
 * URL. Reads go by POST (`_all_docs` with keys); writes POST to the database
 * with the id in the body.
 */
export class CouchAccountStore implements AccountStore {
  /** Every request reads its account (revocation at once): reads of many devices at once share requests. */
  private readonly reads: BatchedReads<AccountDoc & { _id: string; _rev: string }>;

  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
    private readonly ids: KeyedIds,
  ) {
    this.reads = new BatchedReads((keys) => fetchByIds(this.db, keys));
  }

  private get db() {
    return this.couch.use<AccountDoc>(this.dbName);
  }

  async findByLogin(login: string): Promise<Account | null> {
    const doc = await this.reads.read(this.ids.accountId(login));
    return doc ? toAccount(doc) : null;
  }

  async create(account: Account): Promise<'created' | 'exists'> {
    const { _rev, ...fields } = account;
    try {
      await guardCouch(() => this.db.insert({ ...fields, _id: this.ids.accountId(account.login) }));
      return 'created';
    } catch (error) {
      if (couchStatus(error) === 409) return 'exists';
      throw error;
    }
  }

  async update(account: Account): Promise<void> {
    await guardCouch(() => this.db.insert({ ...account, _id: this.ids.accountId(account.login) }));
  }

  async list(): Promise<Account[]> {
    const answer = await guardCouch(() => this.db.list({ include_docs: true }));
    return answer.rows.filter((row) => row.id.startsWith(ACCOUNT_ID_PREFIX) && row.doc).map((row) => toAccount(row.doc as AccountDoc));
  }

  async count(): Promise<number> {
    const answer = await guardCouch(() => this.db.list());
    return answer.rows.filter((row) => row.id.startsWith(ACCOUNT_ID_PREFIX)).length;
  }
}

/** Sessions keyed by the HMAC of their token's sha256; the token itself is never stored. */
export class CouchSessionStore implements SessionStore {
  private readonly reads: BatchedReads<SessionDoc & { _id: string; _rev: string }>;

  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
    private readonly ids: KeyedIds,
  ) {
    this.reads = new BatchedReads((keys) => fetchByIds(this.db, keys));
  }

  private get db() {
    return this.couch.use<SessionDoc>(this.dbName);
  }

  async create(session: Session): Promise<void> {
    const { tokenHash, ...fields } = session;
    await guardCouch(() => this.db.insert({ ...fields, _id: this.ids.sessionId(tokenHash) }));
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const doc = await this.reads.read(this.ids.sessionId(tokenHash));
    if (!doc) return null;
    const { _id, _rev, ...fields } = doc;
    return { ...fields, tokenHash };
  }
}
