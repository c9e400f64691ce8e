import { cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';

/**
 * Precaches the app shell (html, js, css, icons, manifest; the list is
 * injected at build time) and deletes precaches of older Workbox versions.
 */
export function installPrecache(manifest: (string | PrecacheEntry)[]): void {
  cleanupOutdatedCaches();
  precacheAndRoute(manifest);
}
