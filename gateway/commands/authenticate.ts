import type { SessionResponse } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { Problem } from '../problem.js';
import type { AccountStore, SessionStore } from '../store/store.js';
import { hashToken } from './tokens.js';

export type AuthenticatedUser = SessionResponse['user'];

/**
 * Resolves a bearer token to its user. The account is read on every request,
 * so disabling it or resetting its password takes effect at once.
 */
export async function authenticate(deps: { accounts: AccountStore; sessions: SessionStore; clock: Clock }, token: string): Promise<AuthenticatedUser> {
  const session = await deps.sessions.findByTokenHash(hashToken(token));
  if (!session || Date.parse(session.expiresAt) <= deps.clock.now().getTime())
    throw new Problem('UNAUTHENTICATED', { field: 'Authorization', detail: 'the token is expired or unknown' });
  const account = await deps.accounts.findByLogin(session.login);
  if (!account || account.disabled || account.userId !== session.userId || account.tokenGeneration !== session.tokenGeneration) {
    throw new Problem('UNAUTHENTICATED', { field: 'Authorization', detail: 'the token is expired or unknown' });
  }
  return { id: account.userId, login: account.login, displayName: account.displayName, role: account.role };
}
