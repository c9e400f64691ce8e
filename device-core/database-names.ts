/** Name of the shared device database (guides). Kept from the first release, so downloaded guides stay. */
export const DEVICE_DATABASE_NAME = 'tongban';

/** Longest user id accepted in a database name; gateway ids are far shorter. */
const MAX_USER_ID_LENGTH = 64;

/**
 * Name of one user's own database, e.g. `tongban-u-u3f9a`.
 *
 * The id comes from the gateway, so it is escaped rather than trusted:
 * lowercase letters and digits stay, every other character becomes `_` and
 * four hex digits of its code unit. The mapping is one-to-one (`_` only ever
 * starts an escape), so two users can never share a database, and the result
 * is safe in IndexedDB and in the names RxDB's Dexie storage derives from it.
 */
export function userDatabaseName(userId: string, deviceName = DEVICE_DATABASE_NAME): string {
  if (userId.length === 0 || userId.length > MAX_USER_ID_LENGTH) throw new Error('Invalid user id for a database name');
  const escaped = Array.from(userId, (char) => (/^[a-z0-9]$/.test(char) ? char : `_${char.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('');
  return `${deviceName}-u-${escaped}`;
}
