import type { SessionRequest, SessionResponse } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { Problem } from '../problem.js';
import type { AccountStore, SessionStore } from '../store/store.js';
import { isValidLogin, normaliseLogin } from './accounts-rules.js';
import { verifyPassword } from './password.js';
import { createBearerToken, hashToken } from './tokens.js';

/**
 * Checked against when the login does not exist, so an unknown login costs
 * the same scrypt work as a wrong password and logins cannot be probed by timing.
 */
const DECOY_HASH = 'scrypt$16384$8$1$OEH0F8T_vA7L3GjWRBD50Q$RXeavWJGhDalVe2UkT_EG_28h9-2EFgDNKXQzyVvXZ0tUMqKyEGqE3K1ksBCi_FJgAO2WqaSrZd44jxaE8FbQA';

export interface SignInDeps {
  accounts: AccountStore;
  sessions: SessionStore;
  clock: Clock;
  sessionTtlMs: number;
}

/** Checks a login and password and opens a session; the token is answered once and stored only as a hash. */
export async function signIn(deps: SignInDeps, request: SessionRequest): Promise<SessionResponse> {
  const login = normaliseLogin(request.login);
  const account = isValidLogin(login) ? await deps.accounts.findByLogin(login) : null;
  const matches = await verifyPassword(request.password, account?.passwordHash ?? DECOY_HASH);
  if (!account || !matches || account.disabled) throw new Problem('INVALID_CREDENTIALS');
  const token = createBearerToken();
  const now = deps.clock.now();
  await deps.sessions.create({
    tokenHash: hashToken(token),
    login: account.login,
    userId: account.userId,
    tokenGeneration: account.tokenGeneration,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.sessionTtlMs).toISOString(),
  });
  return {
    token,
    user: { id: account.userId, login: account.login, displayName: account.displayName, role: account.role },
  };
}
