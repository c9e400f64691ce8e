import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_CREDENTIALS_FILE, ADMIN_USER, loadOrCreateAdminCredentials } from './embedded-credentials.js';

describe('loadOrCreateAdminCredentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tongban-credentials-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should generate a long random password on first start, in a file only its owner can read', () => {
    const credentials = loadOrCreateAdminCredentials(dir);
    expect(credentials.user).toBe(ADMIN_USER);
    expect(credentials.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, ADMIN_CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('should reuse the same credentials on later starts', () => {
    const first = loadOrCreateAdminCredentials(dir);
    expect(loadOrCreateAdminCredentials(dir)).toEqual(first);
  });

  it('should narrow a credentials file that others can read', () => {
    const first = loadOrCreateAdminCredentials(dir);
    chmodSync(join(dir, ADMIN_CREDENTIALS_FILE), 0o644);
    expect(loadOrCreateAdminCredentials(dir)).toEqual(first);
    expect(statSync(join(dir, ADMIN_CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('should refuse a damaged file without repeating its content', () => {
    writeFileSync(join(dir, ADMIN_CREDENTIALS_FILE), '{"user":"tongban-admin","password":', { mode: 0o600 });
    expect(() => loadOrCreateAdminCredentials(dir)).toThrow(/not a valid credentials file/);
    expect(() => loadOrCreateAdminCredentials(dir)).not.toThrow(/tongban-admin/);
  });
});
