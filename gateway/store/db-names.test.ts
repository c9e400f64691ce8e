import { describe, expect, it } from 'vitest';
import { createDbNames, isValidDbPrefix } from './db-names.js';

describe('createDbNames', () => {
  it('should name the shared databases from the prefix', () => {
    const names = createDbNames('tb');
    expect([names.accounts, names.sessions, names.areas, names.registry, names.imports]).toEqual(['tb_accounts', 'tb_sessions', 'tb_areas', 'tb_registry', 'tb_imports']);
  });

  it('should give each area its own guides database', () => {
    expect(createDbNames('tb').guidesDb('331123')).toBe('tb_guides_331123');
    expect(createDbNames('tb').guidesDb('331123001')).toBe('tb_guides_331123001');
  });

  it('should refuse an area code that is not one', () => {
    expect(() => createDbNames('tb').guidesDb('33112')).toThrow();
    expect(() => createDbNames('tb').guidesDb('331123/../x')).toThrow();
  });

  it('should give each user their own database per private collection', () => {
    expect(createDbNames('tb').userDb('u0123456789abcdef', 'applications')).toBe('tb_u_u0123456789abcdef_applications');
  });

  it('should give each user a materials database beside their collections', () => {
    expect(createDbNames('tb').userMaterials('u0123456789abcdef')).toBe('tb_u_u0123456789abcdef_materials');
    expect(() => createDbNames('tb').userMaterials('U/../x')).toThrow();
  });

  it('should refuse a user id that is not a safe database name part', () => {
    expect(() => createDbNames('tb').userDb('U/../x', 'statuses')).toThrow();
  });

  it('should refuse prefixes CouchDB would reject', () => {
    expect(isValidDbPrefix('Tb')).toBe(false);
    expect(isValidDbPrefix('1tb')).toBe(false);
    expect(isValidDbPrefix('tb_test')).toBe(true);
  });
});
