import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isValidLogin } from '../commands/accounts-rules.js';
import { ACCOUNT_ID_PREFIX, createKeyedIds, SESSION_ID_PREFIX } from './keyed-ids.js';

describe('createKeyedIds', () => {
  const pepper = randomBytes(32);
  const ids = createKeyedIds(pepper);
  const tokenHash = 'a'.repeat(64);

  it('should give the same ids for the same pepper, so every gateway finds the same documents', () => {
    const again = createKeyedIds(Buffer.from(pepper));
    expect(again.accountId('13800138000')).toBe(ids.accountId('13800138000'));
    expect(again.sessionId(tokenHash)).toBe(ids.sessionId(tokenHash));
  });

  it('should not contain the login or the token hash', () => {
    expect(ids.accountId('13800138000')).not.toContain('13800138000');
    expect(ids.sessionId(tokenHash)).not.toContain(tokenHash);
  });

  it('should depend on the pepper, so ids cannot be computed from a list of phone numbers without it', () => {
    expect(createKeyedIds(randomBytes(32)).accountId('13800138000')).not.toBe(ids.accountId('13800138000'));
  });

  it('should keep accounts and sessions apart even for the same input', () => {
    expect(ids.accountId(tokenHash).slice(ACCOUNT_ID_PREFIX.length)).not.toBe(ids.sessionId(tokenHash).slice(SESSION_ID_PREFIX.length));
  });

  it('should never produce an id that is a valid login of the old scheme', () => {
    expect(isValidLogin(ids.accountId('13800138000'))).toBe(false);
    expect(isValidLogin(ids.sessionId(tokenHash))).toBe(false);
  });
});
