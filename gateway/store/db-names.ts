import { AREA_CODE_PATTERN, type CollectionName } from '../../sync-protocol/index.js';

/** CouchDB database names: a lowercase letter, then lowercase letters, digits and `_$()+-/`. */
const DB_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,30}$/;
const USER_ID_PATTERN = /^[a-z][a-z0-9]{1,40}$/;
const AREA_CODE = new RegExp(AREA_CODE_PATTERN);

/** Collections kept in one database per user (the public ones are shared). */
export type PrivateCollection = Exclude<CollectionName, 'guides' | 'areas'>;

/** The database layout of one deployment. */
export interface DbNames {
  readonly accounts: string;
  readonly sessions: string;
  readonly areas: string;
  readonly registry: string;
  /** The guide import journal (see commands/import-journal.ts). */
  readonly imports: string;
  /** Deliveries to the provincial platform and the province's change-feed cursor. */
  readonly outbox: string;
  /** Prefix of every area's guides database: `<prefix>_guides_`. */
  readonly guidesPrefix: string;
  /** One area's guides: each area is its own feed with its own checkpoints. */
  guidesDb(areaCode: string): string;
  /** A user's own database for a private collection (CouchDB's db-per-user pattern). */
  userDb(userId: string, collection: PrivateCollection): string;
  /** A user's materials (photos by SHA-256, as attachments); not replicated to devices. */
  userMaterials(userId: string): string;
}

export function isValidDbPrefix(prefix: string): boolean {
  return DB_PREFIX_PATTERN.test(prefix);
}

export function isValidUserId(userId: string): boolean {
  return USER_ID_PATTERN.test(userId);
}

/** Names every database from one prefix, e.g. `tb_accounts`, `tb_guides_331123`, `tb_u_<userId>_applications`. */
export function createDbNames(prefix: string): DbNames {
  if (!isValidDbPrefix(prefix)) throw new Error(`Invalid database prefix: ${prefix}`);
  const guidesPrefix = `${prefix}_guides_`;
  return {
    accounts: `${prefix}_accounts`,
    sessions: `${prefix}_sessions`,
    areas: `${prefix}_areas`,
    registry: `${prefix}_registry`,
    imports: `${prefix}_imports`,
    outbox: `${prefix}_outbox`,
    guidesPrefix,
    guidesDb(areaCode) {
      if (!AREA_CODE.test(areaCode)) throw new Error('Invalid area code for a database name');
      return `${guidesPrefix}${areaCode}`;
    },
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
