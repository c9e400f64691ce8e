/// <reference lib="webworker" />
/**
 * Tongban's service worker. One concern per file: precache (the app shell),
 * routes (what is served how), update flow. Data never passes through here:
 * it lives in IndexedDB and moves with the replication, so API responses are
 * neither cached nor routed.
 *
 * Sample images of materials are the one runtime cache (sample-images.ts).
 * Background Sync (background-upload.ts) sends the photos a closed page left.
 */
import { listenForBackgroundUpload } from './background-upload.js';
import { installPrecache } from './precache.js';
import { registerRoutes } from './routes.js';
import { registerSampleImageRoute } from './sample-images.js';
import { listenForUpdateMessages } from './update-flow.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

installPrecache(self.__WB_MANIFEST);
registerRoutes();
registerSampleImageRoute(self.location.origin);
listenForUpdateMessages(self);
listenForBackgroundUpload(self);
