import type { Middleware } from 'koa';
import type { ErrorCode } from '../../sync-protocol/index.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { BODY_REFUSAL_STATUSES, methodLabel, routeLabel, statusClass, type MiddlewareRoute } from '../metrics/route-label.js';
import type { AppState } from './app-state.js';

/**
 * Counts and times every request by route template, method and status class,
 * and refused bodies by catalogue code. Mounted outside the error middleware,
 * so it sees the status that was answered; a request answered by tus on the
 * raw response (`respond = false`) is read from there.
 */
export function createHttpMetrics(metrics: GatewayMetrics, middlewareRoutes: readonly MiddlewareRoute[]): Middleware<AppState> {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = ctx.respond === false ? ctx.res.statusCode : ctx.status;
      const labels = { route: routeLabel(ctx._matchedRoute, ctx.path, middlewareRoutes), method: methodLabel(ctx.method), status_class: statusClass(status) };
      metrics.http.requests.inc(labels);
      metrics.http.duration.observe(labels, (performance.now() - started) / 1000);
      const code = ctx.state.logFields?.code as ErrorCode | undefined;
      if (code && BODY_REFUSAL_STATUSES.has(status)) metrics.http.bodiesRefused.inc({ code });
    }
  };
}
