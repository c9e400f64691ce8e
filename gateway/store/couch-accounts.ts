import type { ServerScope } from 'nano';
import { couchStatus, guardCouch } from './couch-errors.js';
import type { Account, AccountStore, Session, SessionStore } from './store.js';

type AccountDoc = Omit<Account, '_rev'> & { _id: string; _rev?: string };
type SessionDoc = Omit<Session, 'tokenHash'> & { _id: string };

function toAccount(doc: AccountDoc): Account {
  const { _id, ...account } = doc;
  return account;
}

async function getOrNull<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await guardCouch(call);
  } catch (error) {
    if (couchStatus(error) === 404) return null;
    throw error;
  }
}

/** Accounts keyed by login, so a login is unique without an index. */
export class CouchAccountStore implements AccountStore {
  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {}

  private get db() {
    return this.couch.use<AccountDoc>(this.dbName);
  }

  async findByLogin(login: string): Promise<Account | null> {
    const doc = await getOrNull(() => this.db.get(login));
    return doc ? toAccount(doc) : null;
  }

  async create(account: Account): Promise<'created' | 'exists'> {
    const { _rev, ...fields } = account;
    try {
      await guardCouch(() => this.db.insert({ ...fields, _id: account.login }));
      return 'created';
    } catch (error) {
      if (couchStatus(error) === 409) return 'exists';
      throw error;
    }
  }

  async update(account: Account): Promise<void> {
    await guardCouch(() => this.db.insert({ ...account, _id: account.login }));
  }

  async list(): Promise<Account[]> {
    const answer = await guardCouch(() => this.db.list({ include_docs: true }));
    return answer.rows
      .filter((row) => !row.id.startsWith('_design/') && row.doc)
      .map((row) => toAccount(row.doc as AccountDoc));
  }

  async count(): Promise<number> {
    const answer = await guardCouch(() => this.db.list());
    return answer.rows.filter((row) => !row.id.startsWith('_design/')).length;
  }
}

/** Sessions keyed by the sha256 of their token. */
export class CouchSessionStore implements SessionStore {
  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {}

  private get db() {
    return this.couch.use<SessionDoc>(this.dbName);
  }

  async create(session: Session): Promise<void> {
    const { tokenHash, ...fields } = session;
    await guardCouch(() => this.db.insert({ ...fields, _id: tokenHash }));
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const doc = await getOrNull(() => this.db.get(tokenHash));
    if (!doc) return null;
    const { _id, _rev, ...fields } = doc as SessionDoc & { _rev?: string };
    return { ...fields, tokenHash: _id };
  }
}
