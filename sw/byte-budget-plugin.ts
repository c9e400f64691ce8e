import type { WorkboxPlugin } from 'workbox-core';
import { chooseEvictions, type CachedEntry } from './byte-budget.js';

/** Headers the plugin writes on what it caches (the cache is ours alone). */
const BYTES_HEADER = 'x-tongban-bytes';
const CACHED_AT_HEADER = 'x-tongban-cached-at';

export interface ByteBudgetOptions {
  /** Most bytes the cache may hold. */
  maxBytes: number;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * Keeps one runtime cache within a size budget. Workbox's ExpirationPlugin
 * counts entries and ages, not bytes, and a phone with little free storage
 * needs bytes: each response is measured once as it is cached (its size and
 * time go into two headers), and after every write the oldest entries go
 * until the cache fits. A response larger than the whole budget is not
 * cached at all.
 */
export class ByteBudgetPlugin implements WorkboxPlugin {
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: ByteBudgetOptions) {
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? Date.now;
  }

  cacheWillUpdate: WorkboxPlugin['cacheWillUpdate'] = async ({ response }) => {
    if (response.status !== 200) return null;
    const body = await response.blob();
    if (body.size > this.maxBytes) return null;
    const headers = new Headers(response.headers);
    headers.set(BYTES_HEADER, String(body.size));
    headers.set(CACHED_AT_HEADER, String(this.now()));
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  };

  cacheDidUpdate: WorkboxPlugin['cacheDidUpdate'] = async ({ cacheName, request }) => {
    const cache = await caches.open(cacheName);
    const entries: CachedEntry[] = [];
    for (const key of await cache.keys()) {
      const cached = await cache.match(key);
      if (!cached) continue;
      entries.push({
        url: key.url,
        bytes: Number(cached.headers.get(BYTES_HEADER) ?? 0),
        cachedAt: Number(cached.headers.get(CACHED_AT_HEADER) ?? 0),
      });
    }
    for (const url of chooseEvictions(entries, this.maxBytes, request.url)) await cache.delete(url);
  };
}
