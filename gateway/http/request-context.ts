import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import type { Logger } from '../logger.js';
import type { AppState } from './app-state.js';

const REQUEST_ID_HEADER = 'x-request-id';
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Outermost middleware: gives each request an id (the caller's, if it sent a
 * sane one), puts the protocol version on every response, and writes one
 * structured log line per request with the ids and counts resources added.
 */
export function createRequestContext(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const offered = ctx.get(REQUEST_ID_HEADER);
    const requestId = REQUEST_ID_PATTERN.test(offered) ? offered : randomUUID();
    ctx.set(REQUEST_ID_HEADER, requestId);
    ctx.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ requestId });
    ctx.state.logFields = {};
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = Math.round(performance.now() - started);
      // A path nothing answers is not repeated: a client may have put a token in it (issue 11).
      const path = ctx.status === 404 ? undefined : ctx.path;
      ctx.state.log.info({ method: ctx.method, path, status: ctx.status, ms, ...ctx.state.logFields }, 'request');
    }
  };
}
