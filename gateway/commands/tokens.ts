import { createHash, randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;
const USER_ID_BYTES = 8;

/** A new bearer token: 32 random bytes, base64url. Only its hash is stored. */
export function createBearerToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The stored form of a token: sha256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new user id: `u` + 16 hex digits, safe inside CouchDB database names. */
export function createUserId(): string {
  return `u${randomBytes(USER_ID_BYTES).toString('hex')}`;
}

/** Reads a bearer token from an Authorization header value. */
export function readBearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}
