import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NAVIGATION_DENYLIST } from './navigation-allowlist.js';

/**
 * Every navigation (a reload while offline included) gets the precached
 * index.html; the client-side router takes it from there. /v1/ and /health
 * go to the network untouched. No runtime caching of API responses: an
 * authenticated answer must never sit in a cache.
 */
export function registerRoutes(): void {
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NAVIGATION_DENYLIST }));
}
