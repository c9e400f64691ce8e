import { describe, expect, it } from 'vitest';
import { isValidUserId } from '../store/db-names.js';
import { createBearerToken, createUserId, hashToken, readBearerToken } from './tokens.js';

describe('tokens', () => {
  it('should create 32-byte base64url tokens', () => {
    const token = createBearerToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('should hash a token to a stable sha256 that does not contain it', () => {
    const token = createBearerToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should create user ids usable in database names', () => {
    const id = createUserId();
    expect(id).toMatch(/^u[0-9a-f]{16}$/);
    expect(isValidUserId(id)).toBe(true);
  });

  it('should read a bearer token and refuse other schemes', () => {
    const token = createBearerToken();
    expect(readBearerToken(`Bearer ${token}`)).toBe(token);
    expect(readBearerToken(`Basic ${token}`)).toBeNull();
    expect(readBearerToken(undefined)).toBeNull();
  });
});
