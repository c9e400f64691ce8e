import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ByteBudgetPlugin } from './byte-budget-plugin.js';
import { isSampleImage } from './sample-url.js';

export const SAMPLES_CACHE = 'tongban-samples';
/** Sample images may take this much of the phone's storage. */
export const SAMPLES_MAX_BYTES = 5 * 1024 * 1024; // 5 MB
/** A sample not looked at for this long is fetched again next time. */
export const SAMPLES_MAX_AGE_SECONDS = 60 * 60 * 24 * 30; // 30 days

/**
 * Sample images are cached when a person first opens one (never precached:
 * most people look at a few of them), within a byte budget, and dropped
 * first when the browser runs out of quota. Guides themselves live in
 * IndexedDB, not here.
 */
export function registerSampleImageRoute(origin: string): void {
  registerRoute(
    ({ url }) => isSampleImage(url, origin),
    new CacheFirst({
      cacheName: SAMPLES_CACHE,
      plugins: [new ByteBudgetPlugin({ maxBytes: SAMPLES_MAX_BYTES }), new ExpirationPlugin({ maxAgeSeconds: SAMPLES_MAX_AGE_SECONDS, purgeOnQuotaError: true })],
    }),
  );
}
