import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded store's admin credentials, kept beside its databases. */
export const ADMIN_CREDENTIALS_FILE = 'admin-credentials.json';
export const ADMIN_USER = 'tongban-admin';
/** 32 random bytes, base64url: 43 characters. */
const PASSWORD_BYTES = 32;
const OWNER_ONLY = 0o600;

export interface AdminCredentials {
  user: string;
  password: string;
}

function parseCredentials(text: string, path: string): AdminCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const { user, password } = (parsed ?? {}) as Partial<AdminCredentials>;
  if (typeof user !== 'string' || !user || typeof password !== 'string' || !password) {
    // Never repeat the file's content: it holds the password.
    throw new Error(`${path} is not a valid credentials file ({ "user", "password" }); remove it to generate new credentials`);
  }
  return { user, password };
}

/**
 * Reads the admin credentials of the embedded store in `dir`, generating them
 * on first start. The file is created owner-only (0600) in one exclusive
 * write, so two starts never end up with different passwords; a file found
 * with wider permissions is narrowed.
 */
export function loadOrCreateAdminCredentials(dir: string): AdminCredentials {
  const path = join(dir, ADMIN_CREDENTIALS_FILE);
  const fresh: AdminCredentials = { user: ADMIN_USER, password: randomBytes(PASSWORD_BYTES).toString('base64url') };
  try {
    writeFileSync(path, `${JSON.stringify(fresh)}\n`, { flag: 'wx', mode: OWNER_ONLY });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(path, OWNER_ONLY);
  return parseCredentials(readFileSync(path, 'utf8'), path);
}
