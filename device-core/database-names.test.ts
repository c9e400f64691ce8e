import { describe, expect, it } from 'vitest';
import { userDatabaseName } from './database-names.js';

describe('userDatabaseName', () => {
  it('should keep a plain gateway user id readable', () => {
    expect(userDatabaseName('u3f9a0c')).toBe('tongban-u-u3f9a0c');
  });

  it('should escape every character outside lowercase letters and digits', () => {
    expect(userDatabaseName('A/b-c')).toBe('tongban-u-_0041_002fb_002dc');
    expect(userDatabaseName('../x')).toMatch(/^tongban-u-[a-z0-9_]+$/);
  });

  it('should give ids that differ only in case or escapes different databases', () => {
    expect(userDatabaseName('ab')).not.toBe(userDatabaseName('AB'));
    expect(userDatabaseName('_0041')).not.toBe(userDatabaseName('A'));
  });

  it('should refuse an empty or overlong id', () => {
    expect(() => userDatabaseName('')).toThrow();
    expect(() => userDatabaseName('a'.repeat(65))).toThrow();
  });
});
