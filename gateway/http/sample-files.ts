import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Middleware } from 'koa';
import type { Logger } from '../logger.js';
import type { AppState } from './app-state.js';

export const SAMPLES_PATH = '/samples/';
/** Samples change rarely; a day keeps phones from asking again while offline-first caches hold them anyway. */
const CACHE_CONTROL = 'public, max-age=86400';
/**
 * A sample is a flat file name with a known image type: nothing else is
 * looked up, so no path can leave the directory (`..`, `/`, `%2e` never match).
 */
const SAMPLE_NAME = /^[a-z0-9][a-z0-9-]{0,80}\.(svg|png|jpg|webp)$/;
const TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
function matchesEtag(header: string, etag: string): boolean {
  if (header === '') return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

interface CachedFile {
  body: Buffer;
  etag: string;
  mtimeMs: number;
}

/**
 * Serves material sample images (`sampleUrl` of a guide's materials) from
 * `samplesDir` at /samples/{name}, with a content ETag and a day of caching.
 * Answers null, after a warning, when the directory does not exist.
 */
export function createSampleFiles(samplesDir: string | undefined, logger: Logger): Middleware<AppState> | null {
  if (!samplesDir || !existsSync(samplesDir)) {
    logger.warn({ samplesDir }, 'no samples directory; /samples/ is not served');
    return null;
  }
  const root = realpathSync(samplesDir);
  const cache = new Map<string, CachedFile>();

  async function load(name: string): Promise<CachedFile | null> {
    const path = join(root, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    // A symlink could point anywhere: serve only what really lives in the directory.
    if (dirname(realpathSync(path)) !== root) return null;
    const cached = cache.get(name);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(path);
    const file = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, mtimeMs: info.mtimeMs };
    cache.set(name, file);
    return file;
  }

  return async (ctx, next) => {
    if (!ctx.path.startsWith(SAMPLES_PATH) || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const name = ctx.path.slice(SAMPLES_PATH.length);
    const file = SAMPLE_NAME.test(name) ? await load(name) : null;
    if (!file) {
      ctx.status = 404;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = 'not found';
      return;
    }
    ctx.set('ETag', file.etag);
    ctx.set('Cache-Control', CACHE_CONTROL);
    ctx.set('X-Content-Type-Options', 'nosniff');
    // An SVG opened directly must not run anything.
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    ctx.type = TYPES[name.slice(name.lastIndexOf('.') + 1)];
    if (matchesEtag(ctx.get('if-none-match'), file.etag)) {
      ctx.status = 304;
      return;
    }
    ctx.body = file.body;
  };
}
