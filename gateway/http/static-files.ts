import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, join, sep } from 'node:path';
import type { Middleware } from 'koa';
import koaStatic from 'koa-static';
import type { Logger } from '../logger.js';
import { isApiPath } from './api-path.js';
import type { AppState } from './app-state.js';

/** Hashed build output: safe to cache for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Entry points must be revalidated, or a phone keeps an old app forever. */
const REVALIDATE = 'no-cache';
const HEALTH_PATH = '/health';

function setCacheHeaders(res: ServerResponse, path: string): void {
  const name = basename(path);
  if (name === 'sw.js' || name === 'index.html') res.setHeader('Cache-Control', REVALIDATE);
  else if (path.includes(`${sep}assets${sep}`)) res.setHeader('Cache-Control', IMMUTABLE);
  else res.setHeader('Cache-Control', REVALIDATE);
}

function wantsHtmlPage(accept: string, method: string): boolean {
  return (method === 'GET' || method === 'HEAD') && accept.includes('text/html');
}

/**
 * Serves the built PWA, with index.html as the fallback for app routes (GET
 * requests for HTML outside the API). Answers null, after a warning, when the
 * directory has no index.html: the API then runs alone.
 */
export function createStaticFiles(staticDir: string | undefined, logger: Logger): Middleware<AppState> | null {
  const indexPath = staticDir ? join(staticDir, 'index.html') : '';
  if (!staticDir || !existsSync(indexPath)) {
    logger.warn({ staticDir }, 'no built app found; serving the API only (run npm run build)');
    return null;
  }
  const serve = koaStatic(staticDir, { index: 'index.html', setHeaders: setCacheHeaders, gzip: false, brotli: false });
  return async (ctx, next) => {
    if (isApiPath(ctx.path) || ctx.path === HEALTH_PATH) return next();
    let missing = false;
    await serve(ctx, async () => {
      missing = true;
    });
    if (!missing) return;
    if (!wantsHtmlPage(ctx.get('accept'), ctx.method) || ctx.path.startsWith('/assets/')) return next();
    ctx.type = 'html';
    ctx.set('Cache-Control', REVALIDATE);
    ctx.body = createReadStream(indexPath);
  };
}
