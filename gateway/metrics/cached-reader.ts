import type { Clock } from '../clock.js';

/**
 * Wraps an expensive read so that calls within `ttlMs` of the last good
 * answer share it: scrapes every few seconds from several Prometheus servers
 * cost one store read per `ttlMs`. Calls while a read runs wait for that read.
 * A failed read is not kept: the next call reads again.
 */
export function createCachedReader<T>(read: () => Promise<T>, clock: Clock, ttlMs: number): () => Promise<T> {
  let cached: { at: number; value: T } | null = null;
  let running: Promise<T> | null = null;
  return () => {
    const now = clock.now().getTime();
    if (cached && now - cached.at < ttlMs) return Promise.resolve(cached.value);
    running ??= read()
      .then((value) => {
        cached = { at: now, value };
        return value;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
}
