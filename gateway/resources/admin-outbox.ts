import type { Router } from '@koa/router';
import type { AppDeps, AppState } from '../http/app-state.js';
import { requireUser } from '../http/require-user.js';
import { Problem } from '../problem.js';

/**
 * `GET /v1/admin/outbox` (operators): the delivery backlog shared by every
 * instance (pending, dead, done, age of the oldest pending entry) and what
 * this instance's forwarder did since it started (claim conflicts included).
 * `?dead=1` lists the dead letters with their reasons.
 */
export function addAdminOutboxRoutes(router: Router<AppState>, deps: AppDeps): void {
  router.get('/admin/outbox', async (ctx) => {
    const user = await requireUser(ctx, deps);
    if (user.role !== 'operator') throw new Problem('FORBIDDEN', { field: 'Authorization', detail: 'only operators see the outbox' });
    const backlog = await deps.store.outbox.backlog(deps.clock.now());
    const body: Record<string, unknown> = { backlog, instance: deps.upstream ? { id: deps.upstream.instanceId, ...deps.upstream.counts() } : null };
    if (ctx.query.dead === '1') {
      body.dead = (await deps.store.outbox.list('dead', 200)).map((e) => ({
        id: e._id,
        kind: e.kind,
        applicationId: e.applicationId,
        attempts: e.attempts,
        reason: e.deadReason,
        deadAt: e.deadAt,
      }));
    }
    Object.assign(ctx.state.logFields, backlog);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  });
}
