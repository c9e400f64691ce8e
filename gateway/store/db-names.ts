import type { CollectionName } from '../../sync-protocol/index.js';

/** CouchDB database names: a lowercase letter, then lowercase letters, digits and `_$()+-/`. */
const DB_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,30}$/;
const USER_ID_PATTERN = /^[a-z][a-z0-9]{1,40}$/;

/** The database layout of one deployment. */
export interface DbNames {
  readonly accounts: string;
  readonly sessions: string;
  readonly guides: string;
  readonly registry: string;
  /** A user's own database for a private collection (CouchDB's db-per-user pattern). */
  userDb(userId: string, collection: Exclude<CollectionName, 'guides'>): string;
  /** A user's materials (photos by SHA-256, as attachments); not replicated to devices. */
  userMaterials(userId: string): string;
}

export function isValidDbPrefix(prefix: string): boolean {
  return DB_PREFIX_PATTERN.test(prefix);
}

export function isValidUserId(userId: string): boolean {
  return USER_ID_PATTERN.test(userId);
}

/** Names every database from one prefix, e.g. `tb_accounts`, `tb_u_<userId>_applications`. */
export function createDbNames(prefix: string): DbNames {
  if (!isValidDbPrefix(prefix)) throw new Error(`Invalid database prefix: ${prefix}`);
  return {
    accounts: `${prefix}_accounts`,
    sessions: `${prefix}_sessions`,
    guides: `${prefix}_guides`,
    registry: `${prefix}_registry`,
    userDb(userId, collection) {
      if (!isValidUserId(userId)) throw new Error('Invalid user id for a database name');
      return `${prefix}_u_${userId}_${collection}`;
    },
    userMaterials(userId) {
      if (!isValidUserId(userId)) throw new Error('Invalid user id for a database name');
      return `${prefix}_u_${userId}_materials`;
    },
  };
}
