import { describe, expect, it } from 'vitest';
import { isAdminAuthorization } from './basic-auth-gate.js';

const credentials = { user: 'tongban-admin', password: 'kR3v9-secret_password' };
const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;

describe('isAdminAuthorization', () => {
  it('should accept the admin Basic credentials', () => {
    expect(isAdminAuthorization(basic('tongban-admin:kR3v9-secret_password'), credentials)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a wrong password', basic('tongban-admin:kR3v9-secret_passwore')],
    ['a prefix of the password', basic('tongban-admin:kR3v9')],
    ['another user', basic('admin:kR3v9-secret_password')],
    ['a bearer token', 'Bearer kR3v9-secret_password'],
  ])('should refuse %s', (_what, header) => {
    expect(isAdminAuthorization(header, credentials)).toBe(false);
  });
});
