import type { Middleware } from 'koa';
import { Problem } from '../problem.js';
import type { AppState } from './app-state.js';
import { readBoundedBody } from './bounded-body.js';

/**
 * Parses a JSON body of at most `limitBytes`, plain or gzip
 * (`Content-Encoding: gzip`; both the wire size and the decompressed size are
 * bounded, see {@link readBoundedBody}). Wrong type → 415, unreadable → 400.
 */
export function createJsonBody(limitBytes: number): Middleware<AppState> {
  return async (ctx, next) => {
    const type = ctx.request.is('application/json');
    if (type === null) throw new Problem('MALFORMED_BODY', { field: 'body', detail: 'a JSON body is required' });
    if (type === false) throw new Problem('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type', detail: 'send application/json' });
    const bytes = await readBoundedBody(ctx, limitBytes);
    try {
      (ctx.request as { body?: unknown }).body = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new Problem('MALFORMED_BODY', { field: 'body', detail: 'not valid JSON', cause: error });
    }
    await next();
  };
}
