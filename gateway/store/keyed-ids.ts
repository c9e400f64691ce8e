import { createHmac, randomBytes } from 'node:crypto';
import type { ServerScope } from 'nano';
import { couchStatus, guardCouch } from './couch-errors.js';
import { fetchByIds } from './fetch-by-ids.js';

/** The pepper's document in the accounts database; ids of account documents never look like it. */
export const PEPPER_DOC_ID = 'tongban_key_pepper';
export const ACCOUNT_ID_PREFIX = 'account_';
export const SESSION_ID_PREFIX = 'session_';
const PEPPER_BYTES = 32;

interface PepperDoc {
  _id: string;
  /** base64url; never logged. */
  secret: string;
  createdAt: string;
}

/**
 * Document ids that say nothing about who or what they stand for. A login
 * (often an 11-digit phone number) or a token hash would otherwise sit in
 * every URL and log line of CouchDB; a plain sha256 of a phone number is
 * brute-forced in seconds, so ids are HMAC-SHA-256 under a secret pepper.
 * The `_` in the prefixes is outside the login alphabet, so an id of this
 * form is never a login of the old scheme.
 */
export interface KeyedIds {
  /** The account document's id, also the claim that makes a login unique. */
  accountId(login: string): string;
  /** The session document's id for the sha256 of a bearer token. */
  sessionId(tokenHash: string): string;
}

/** Ids under a given pepper; pure. */
export function createKeyedIds(pepper: Buffer): KeyedIds {
  // The purpose goes into the MAC so a login and a token hash can never yield the same id.
  const mac = (purpose: string, value: string) => createHmac('sha256', pepper).update(`${purpose}\0${value}`, 'utf8').digest('hex');
  return {
    accountId: (login) => `${ACCOUNT_ID_PREFIX}${mac('login', login)}`,
    sessionId: (tokenHash) => `${SESSION_ID_PREFIX}${mac('session', tokenHash)}`,
  };
}

async function readPepper(couch: ServerScope, dbName: string): Promise<Buffer | null> {
  const doc = (await fetchByIds<PepperDoc>(couch.use<PepperDoc>(dbName), [PEPPER_DOC_ID])).get(PEPPER_DOC_ID);
  return doc ? Buffer.from(doc.secret, 'base64url') : null;
}

/**
 * The keyed ids of this store. The pepper is one ordinary document in the
 * accounts database, so every gateway on one CouchDB shares it; the first to
 * start creates it, and one that loses that race (409) reads the winner's.
 */
export async function loadKeyedIds(couch: ServerScope, accountsDb: string): Promise<KeyedIds> {
  const existing = await readPepper(couch, accountsDb);
  if (existing) return createKeyedIds(existing);
  const secret = randomBytes(PEPPER_BYTES);
  try {
    await guardCouch(() => couch.use<PepperDoc>(accountsDb).insert({ _id: PEPPER_DOC_ID, secret: secret.toString('base64url'), createdAt: new Date().toISOString() }));
    return createKeyedIds(secret);
  } catch (error) {
    if (couchStatus(error) !== 409) throw error;
  }
  const winner = await readPepper(couch, accountsDb);
  if (!winner) throw new Error('the key pepper document was created by another gateway but cannot be read');
  return createKeyedIds(winner);
}
