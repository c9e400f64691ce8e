import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The full URL of a store run alone (`npm run start:store`), credentials
 * included when it has them, kept beside its data readable by its owner only:
 * the terminal and the logs get the URL without credentials, a parent process
 * or an operator reads this file.
 */
export const STORE_URL_FILE = 'store-url';

/** Writes the URL file in `dataDir` with mode 0600, whatever an older file allowed; answers its path. */
export function writeStoreUrlFile(dataDir: string, url: string): string {
  const path = join(dataDir, STORE_URL_FILE);
  rmSync(path, { force: true });
  writeFileSync(path, `${url}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return path;
}

/** The URL a store running on `dataDir` wrote. */
export function readStoreUrlFile(dataDir: string): string {
  return readFileSync(join(dataDir, STORE_URL_FILE), 'utf8').trim();
}

export function removeStoreUrlFile(dataDir: string): void {
  rmSync(join(dataDir, STORE_URL_FILE), { force: true });
}
