import { Router } from '@koa/router';
import { PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import type { AppDeps, AppState } from '../http/app-state.js';
import { Problem } from '../problem.js';

/** `GET /health`: 200 when the store answers, 503 STORE_UNAVAILABLE when it does not. */
export function createHealthRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/health', async (ctx) => {
    if (!(await deps.store.isReachable())) throw new Problem('STORE_UNAVAILABLE');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok', protocol: PROTOCOL_VERSION };
  });
  return router;
}
