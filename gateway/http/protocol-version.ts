import type { Middleware } from 'koa';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, isSupportedProtocolVersion } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import { isApiPath } from './api-path.js';
import type { AppState } from './app-state.js';

/**
 * Refuses every API request that does not speak this protocol version, before
 * authentication and before any store is touched: an old app must not write
 * documents the gateway would misread.
 */
export function createProtocolVersionCheck(): Middleware<AppState> {
  return async (ctx, next) => {
    if (isApiPath(ctx.path) && !isSupportedProtocolVersion(ctx.get(PROTOCOL_HEADER))) {
      throw new Problem('PROTOCOL_VERSION_UNSUPPORTED', { field: PROTOCOL_HEADER, detail: `this gateway speaks protocol ${PROTOCOL_VERSION}` });
    }
    await next();
  };
}
