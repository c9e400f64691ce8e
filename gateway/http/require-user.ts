import { authenticate, type AuthenticatedUser } from '../commands/authenticate.js';
import { readBearerToken } from '../commands/tokens.js';
import { Problem } from '../problem.js';
import type { AppContext, AppDeps } from './app-state.js';

/** Authenticates the request's bearer token or throws UNAUTHENTICATED; remembers the user for the log. */
export async function requireUser(ctx: AppContext, deps: AppDeps): Promise<AuthenticatedUser> {
  const token = readBearerToken(ctx.get('authorization'));
  if (!token) throw new Problem('UNAUTHENTICATED', { field: 'Authorization', detail: 'send Authorization: Bearer <token>' });
  const user = await authenticate({ accounts: deps.store.accounts, sessions: deps.store.sessions, clock: deps.clock }, token);
  ctx.state.user = user;
  ctx.state.logFields.userId = user.id;
  return user;
}
