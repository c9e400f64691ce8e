import { Router } from '@koa/router';
import type { AppDeps, AppState } from '../http/app-state.js';
import { requireUser } from '../http/require-user.js';
import { readBearerToken } from '../commands/tokens.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { decideMetricsAccess } from '../metrics/metrics-access.js';
import { Problem } from '../problem.js';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics`: this instance's figures in Prometheus text format, outside
 * /v1 as scrapers expect. Readable with the scrape token (TB_METRICS_TOKEN),
 * an operator's session, or, while no scrape token is set, from this host's
 * loopback (see gateway/metrics/metrics-access.ts).
 */
export function createMetricsRoutes(deps: AppDeps, metrics: GatewayMetrics): Router<AppState> {
  const router = new Router<AppState>();
  router.get(METRICS_PATH, async (ctx) => {
    const access = decideMetricsAccess(
      { remoteAddress: ctx.req.socket.remoteAddress, proxied: Boolean(ctx.get('forwarded') || ctx.get('x-forwarded-for')), bearer: readBearerToken(ctx.get('authorization')) },
      deps.config.metricsToken,
    );
    if (access === 'unauthenticated') {
      throw new Problem('UNAUTHENTICATED', { field: 'Authorization', detail: 'send Authorization: Bearer <TB_METRICS_TOKEN> or an operator token' });
    }
    if (access === 'operator') {
      const user = await requireUser(ctx, deps);
      if (user.role !== 'operator') throw new Problem('FORBIDDEN', { field: 'Authorization', detail: 'only operators and the metrics scraper read metrics' });
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
