import { ROLES, type Role } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';

/** Logins: phone numbers or short names; lowercase so they are unique regardless of case. */
const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Normalises a login as typed (trimmed, lowercase). */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

export function isValidLogin(login: string): boolean {
  return LOGIN_PATTERN.test(login);
}

export function parseRole(value: string | undefined): Role {
  if ((ROLES as readonly string[]).includes(value ?? '')) return value as Role;
  throw new Problem('INVALID_REQUEST', { field: 'role', detail: `role must be one of ${ROLES.join(', ')}` });
}
