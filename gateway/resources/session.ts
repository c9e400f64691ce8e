import type { Router } from '@koa/router';
import { LIMITS } from '../../sync-protocol/index.js';
import { signIn } from '../commands/sign-in.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { createJsonBody } from '../http/json-body.js';
import { requireUser } from '../http/require-user.js';
import { validate } from '../http/validate-input.js';

/** `POST /v1/session` (sign in) and `GET /v1/me`. */
export function addSessionRoutes(router: Router<AppState>, deps: AppDeps): void {
  router.post('/session', createJsonBody(LIMITS.maxSmallBodyBytes), validate(deps, 'sessionRequest'), async (ctx) => {
    const { accounts, sessions } = deps.store;
    const session = await signIn({ accounts, sessions, clock: deps.clock, sessionTtlMs: deps.config.sessionTtlMs }, ctx.state.input);
    ctx.state.logFields.userId = session.user.id;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = session;
  });

  router.get('/me', async (ctx) => {
    const user = await requireUser(ctx, deps);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { user };
  });
}
