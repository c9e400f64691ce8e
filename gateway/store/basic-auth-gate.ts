import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { AdminCredentials } from './embedded-credentials.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Whether an Authorization header carries exactly these Basic credentials.
 * Both sides are hashed first, so the comparison takes the same time whatever
 * the header's length and wherever it differs.
 */
export function isAdminAuthorization(header: string | undefined, credentials: AdminCredentials): boolean {
  const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  return timingSafeEqual(digest(header?.trim() ?? ''), digest(expected));
}

/**
 * Express middleware in front of express-pouchdb: every request must carry
 * the admin's Basic credentials, or it is answered 401 as CouchDB 3 answers
 * it. express-pouchdb itself would let anyone in (admin party) and reads
 * databases without a security object even when admins are configured.
 * Once checked, the credentials and cookies are taken off the request so
 * express-pouchdb never looks for them in its own `_users` database.
 */
export function requireAdminCredentials(credentials: AdminCredentials): RequestHandler {
  return (req, res, next) => {
    if (!isAdminAuthorization(req.headers.authorization, credentials)) {
      res.status(401).set('WWW-Authenticate', 'Basic realm="tongban-embedded-store"').json({ error: 'unauthorized', reason: 'Authentication required.' });
      return;
    }
    delete req.headers.authorization;
    delete req.headers.cookie;
    next();
  };
}
