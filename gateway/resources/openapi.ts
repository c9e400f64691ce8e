import type { Router } from '@koa/router';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import type { AppState } from '../http/app-state.js';
import { REQUEST_SCHEMAS } from '../validators.js';

/** Where the gateway serves its OpenAPI document, under the versioned prefix: `GET /v1/openapi.json`. */
export const OPENAPI_PATH = '/openapi.json';

/** One mounted route as the route list gives it (see `listMountedRoutes`). */
export interface DocumentedRoute {
  method: string;
  /** Koa's pattern: `:param` for a segment. */
  path: string;
  /** The validator of its body, when its `validate` step takes one. */
  body?: keyof typeof REQUEST_SCHEMAS;
}

/** What every client mistake answers (sync-protocol/errors.ts `ProblemBody`). */
const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    fix: { type: 'string' },
    field: { type: 'string' },
    detail: { type: 'string' },
  },
  required: ['code', 'message', 'fix'],
} as const;

/** `/sync/:collection/pull` → `/sync/{collection}/pull`, and the names of its parameters. */
function toOpenApiPath(path: string): { path: string; parameters: string[] } {
  const parameters: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    parameters.push(name);
    return `{${name}}`;
  });
  return { path: converted, parameters };
}

/**
 * The OpenAPI 3.1 document of the routes the gateway mounts, generated from
 * the route list and the shared request schemas (never written by hand, so
 * it cannot list a route that is gone or miss a new one). Bodies that a
 * `validate` step checks carry their JSON Schema; every route answers a
 * problem body for a client mistake.
 */
export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const { path, parameters } = toOpenApiPath(route.path);
    const operation: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()} ${route.path}`,
      parameters: parameters.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: {
        '200': { description: 'Success' },
        '4XX': { description: 'A client mistake, naming the field', content: { 'application/json': { schema: PROBLEM_SCHEMA } } },
      },
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: REQUEST_SCHEMAS[route.body] } } };
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Tongban gateway', version: String(PROTOCOL_VERSION), description: `Requests under /v${PROTOCOL_VERSION} send the ${PROTOCOL_HEADER} header.` },
    paths,
  };
}

/** `GET /v1/openapi.json`: the document of every route mounted now (`listRoutes` is asked per request). */
export function addOpenApiRoute(router: Router<AppState>, listRoutes: () => readonly DocumentedRoute[]): void {
  router.get(OPENAPI_PATH, (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = buildOpenApiDocument(listRoutes());
  });
}
