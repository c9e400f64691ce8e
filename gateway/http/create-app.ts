import { Router } from '@koa/router';
import Koa from 'koa';
import { API_PREFIX } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import { addAdminGuideRoutes } from '../resources/admin-guides.js';
import { addAdminOutboxRoutes } from '../resources/admin-outbox.js';
import { createHealthRoutes } from '../resources/health.js';
import { createMaterialUploads, MATERIAL_UPLOAD_ROUTES } from '../resources/material-uploads.js';
import { addMaterialRoutes } from '../resources/materials.js';
import { addSessionRoutes } from '../resources/session.js';
import { addSyncRoutes } from '../resources/sync.js';
import { isApiPath } from './api-path.js';
import type { AppDeps, AppState } from './app-state.js';
import { createErrorMiddleware } from './error-middleware.js';
import { createJsonCompression } from './json-compression.js';
import { createProtocolVersionCheck } from './protocol-version.js';
import { createRequestContext } from './request-context.js';
import { createSampleFiles } from './sample-files.js';
import { createStaticFiles } from './static-files.js';

/**
 * The composition root of the HTTP gateway: every part comes in through
 * `deps`, nothing is read from module state.
 * Order: request context → error mapping → JSON answer compression → /health → /samples/ → protocol
 * version check (all of /v1, before auth and store) → material uploads (tus,
 * answers on the raw response) → /v1 routes → the built app.
 */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  // Errors are answered and logged by the error middleware; these are failures
  // after the answer started (a client gone mid-stream), worth a debug line only.
  app.on('error', (error: unknown) => deps.logger.debug({ err: error }, 'response error'));

  const { health, api } = createRouters(deps);

  app.use(createRequestContext(deps.logger));
  app.use(createErrorMiddleware());
  app.use(createJsonCompression());
  app.use(health.routes());
  const samples = createSampleFiles(deps.config.samplesDir, deps.logger);
  if (samples) app.use(samples);
  app.use(createProtocolVersionCheck());
  app.use(createMaterialUploads(deps));
  app.use(api.routes());
  app.use(async (ctx, next) => {
    if (isApiPath(ctx.path)) throw new Problem('NOT_FOUND', { field: 'path', detail: `no route ${ctx.method} ${ctx.path.slice(0, 200)}` });
    await next();
  });
  const staticFiles = createStaticFiles(deps.config.staticDir, deps.logger);
  if (staticFiles) app.use(staticFiles);
  return app;
}

/** The app's routers; building them calls nothing of `deps` (requests do). */
function createRouters(deps: AppDeps): { health: Router<AppState>; api: Router<AppState> } {
  const health = createHealthRoutes(deps);
  const api = new Router<AppState>({ prefix: API_PREFIX });
  addSessionRoutes(api, deps);
  addSyncRoutes(api, deps);
  addAdminGuideRoutes(api, deps);
  addAdminOutboxRoutes(api, deps);
  addMaterialRoutes(api, deps);
  return { health, api };
}

/** One route the app answers: a method and a path pattern (`:param` for a segment). */
export interface MountedRoute {
  method: string;
  path: string;
}

/** The routes of one router, without the HEAD the router adds to every GET. */
function routesOf(router: Router<AppState>): MountedRoute[] {
  return router.stack.flatMap((layer) =>
    layer.methods.filter((method) => !(method === 'HEAD' && layer.methods.includes('GET'))).map((method) => ({ method, path: String(layer.path) })),
  );
}

/**
 * Every route the app mounts: the routers' own lists and the tus upload
 * endpoints (a middleware). The gateway's robustness test walks them all, so
 * a new route without a case there fails it. Static files and /samples/ are
 * GET-only files, not routes.
 */
export function listMountedRoutes(deps: AppDeps): MountedRoute[] {
  const { health, api } = createRouters(deps);
  return [...routesOf(health), ...routesOf(api), ...MATERIAL_UPLOAD_ROUTES];
}
