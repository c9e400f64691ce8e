import { Router } from '@koa/router';
import Koa from 'koa';
import { API_PREFIX } from '../../sync-protocol/index.js';
import { createGatewayMetrics, type GatewayMetrics } from '../metrics/gateway-metrics.js';
import { watchBacklog } from '../metrics/watch-backlog.js';
import { Problem } from '../problem.js';
import { addAdminGuideRoutes } from '../resources/admin-guides.js';
import { addAdminOutboxRoutes } from '../resources/admin-outbox.js';
import { createHealthRoutes } from '../resources/health.js';
import { createMaterialUploads, MATERIAL_UPLOAD_ROUTES, MATERIAL_UPLOADS_URL_PATH } from '../resources/material-uploads.js';
import { createMetricsRoutes } from '../resources/metrics.js';
import { addMaterialRoutes } from '../resources/materials.js';
import { addOpenApiRoute } from '../resources/openapi.js';
import { addSessionRoutes } from '../resources/session.js';
import { addSyncRoutes } from '../resources/sync.js';
import { withCachedSessions } from '../store/cached-sessions.js';
import { AdmissionGate, DEFAULT_ADMISSION_LIMITS } from './admission.js';
import { createAdmission } from './admission-middleware.js';
import { isApiPath } from './api-path.js';
import type { AppDeps, AppState } from './app-state.js';
import { bodyValidatorOf, type BodyValidatorName } from './validate-input.js';
import { createErrorMiddleware } from './error-middleware.js';
import { createHttpMetrics } from './http-metrics.js';
import { createResponseCompression } from './response-compression.js';
import { createProtocolVersionCheck } from './protocol-version.js';
import { createRequestContext } from './request-context.js';
import { createSampleFiles } from './sample-files.js';
import { createStaticFiles } from './static-files.js';

/**
 * The composition root of the HTTP gateway: every part comes in through
 * `deps`, nothing is read from module state.
 * Order: request context → metrics of the request → error mapping → response compression (JSON, app files) → /health → /metrics → /samples/ → protocol
 * version check (all of /v1, before auth and store) → admission gate (pull, push,
 * changes, have: before auth, body and store, so a refusal wrote nothing) → material uploads (tus,
 * answers on the raw response) → /v1 routes → the built app.
 */
export function createApp(given: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // One registry per app: several gateways in one process never share a figure.
  const metrics = given.metrics ?? createGatewayMetrics();
  // Sessions never change once written: every request of a device need not read its own again (see cached-sessions.ts).
  const deps: AppDeps = { ...given, metrics, store: withCachedSessions(given.store, () => given.clock.now().getTime()) };
  watchBacklog(metrics.registry, { outbox: deps.store.outbox, clock: deps.clock, logger: deps.logger, upstream: deps.upstream });
  // Errors are answered and logged by the error middleware; these are failures
  // after the answer started (a client gone mid-stream), worth a debug line only.
  app.on('error', (error: unknown) => deps.logger.debug({ err: error }, 'response error'));

  const { health, metricsRoute, api } = createRouters(deps, metrics);

  app.use(createRequestContext(deps.logger));
  app.use(createHttpMetrics(metrics, [{ prefix: MATERIAL_UPLOADS_URL_PATH, collection: MATERIAL_UPLOADS_URL_PATH, item: `${MATERIAL_UPLOADS_URL_PATH}/:uploadId` }]));
  app.use(createErrorMiddleware());
  app.use(createResponseCompression());
  app.use(health.routes());
  app.use(metricsRoute.routes());
  const samples = createSampleFiles(deps.config.samplesDir, deps.logger);
  if (samples) app.use(samples);
  app.use(createProtocolVersionCheck());
  const admission = deps.config.admission ?? DEFAULT_ADMISSION_LIMITS;
  app.use(createAdmission(new AdmissionGate(admission), admission));
  app.use(createMaterialUploads(deps));
  app.use(api.routes());
  app.use(async (ctx, next) => {
    // The path is not repeated: a client may have put a token in it (issue 11).
    if (isApiPath(ctx.path)) throw new Problem('NOT_FOUND', { field: 'path', detail: `no ${ctx.method} route at this path` });
    await next();
  });
  const staticFiles = createStaticFiles(deps.config.staticDir, deps.logger);
  if (staticFiles) app.use(staticFiles);
  return app;
}

/** The app's routers; building them calls nothing of `deps` (requests do). */
function createRouters(deps: AppDeps, metrics: GatewayMetrics): { health: Router<AppState>; metricsRoute: Router<AppState>; api: Router<AppState> } {
  const health = createHealthRoutes(deps);
  const metricsRoute = createMetricsRoutes(deps, metrics);
  const api = new Router<AppState>({ prefix: API_PREFIX });
  addSessionRoutes(api, deps);
  addSyncRoutes(api, deps);
  addAdminGuideRoutes(api, deps);
  addAdminOutboxRoutes(api, deps);
  addMaterialRoutes(api, deps);
  addOpenApiRoute(api, () => listMountedRoutes(deps));
  return { health, metricsRoute, api };
}

/** One route the app answers: a method and a path pattern (`:param` for a segment). */
export interface MountedRoute {
  method: string;
  path: string;
  /** The validator its `validate` step checks the body with, if it takes one. */
  body?: BodyValidatorName;
}

/** The routes of one router, without the HEAD the router adds to every GET. */
function routesOf(router: Router<AppState>): MountedRoute[] {
  return router.stack.flatMap((layer) =>
    layer.methods
      .filter((method) => !(method === 'HEAD' && layer.methods.includes('GET')))
      .map((method) => ({ method, path: String(layer.path), body: layer.stack.map(bodyValidatorOf).find((name) => name !== undefined) })),
  );
}

/**
 * Every route the app mounts: the routers' own lists and the tus upload
 * endpoints (a middleware). The gateway's robustness test walks them all, so
 * a new route without a case there fails it. Static files and /samples/ are
 * GET-only files, not routes.
 */
export function listMountedRoutes(deps: AppDeps): MountedRoute[] {
  const { health, metricsRoute, api } = createRouters(deps, createGatewayMetrics({ processMetrics: false }));
  return [...routesOf(health), ...routesOf(metricsRoute), ...routesOf(api), ...MATERIAL_UPLOAD_ROUTES];
}
