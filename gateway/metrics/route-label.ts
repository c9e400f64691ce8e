import { isApiPath } from '../http/api-path.js';

/** Path prefixes answered by a middleware rather than a router, with the template they are counted under. */
export interface MiddlewareRoute {
  prefix: string;
  /** Template of the prefix itself and of one item below it, e.g. `/v1/materials/uploads/:uploadId`. */
  collection: string;
  item: string;
}

/**
 * The `route` label of a request: the router's template when a route matched
 * (`/v1/sync/:collection/pull`), never the raw path, so ids and user ids
 * never become labels and the number of series stays fixed. Anything else
 * falls into one of a few buckets.
 */
export function routeLabel(matched: unknown, path: string, middlewareRoutes: readonly MiddlewareRoute[] = []): string {
  if (typeof matched === 'string') return matched;
  for (const route of middlewareRoutes) {
    if (path === route.prefix) return route.collection;
    if (path.startsWith(`${route.prefix}/`)) return route.item;
  }
  if (isApiPath(path)) return 'unmatched';
  if (path.startsWith('/samples/')) return '/samples/*';
  return 'static';
}

/** `2xx`, `4xx`…: statuses grouped, which is what alerts watch. */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The `method` label: a client can send any token as a method, so only the usual ones are kept apart. */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : 'OTHER';
}

/** Statuses whose catalogue code says why a request body was refused. */
export const BODY_REFUSAL_STATUSES: ReadonlySet<number> = new Set([400, 413, 415]);
