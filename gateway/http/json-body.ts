import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { Problem } from '../problem.js';
import type { AppState } from './app-state.js';

/**
 * Parses a JSON body of at most `limitBytes`. A declared Content-Length over
 * the limit is refused before a byte of the body is read; a chunked body is
 * cut off by the parser at the limit. Wrong type → 415, unreadable → 400.
 */
export function createJsonBody(limitBytes: number): Middleware<AppState> {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: limitBytes, encoding: 'utf-8' });
  return async (ctx, next) => {
    const declared = ctx.request.length;
    if (declared !== undefined && declared > limitBytes) {
      // The unread body stays on the socket: close it after answering.
      ctx.set('Connection', 'close');
      throw new Problem('BODY_TOO_LARGE', { detail: `at most ${limitBytes} bytes` });
    }
    const type = ctx.request.is('application/json');
    if (type === null) throw new Problem('MALFORMED_BODY', { detail: 'a JSON body is required' });
    if (type === false) throw new Problem('UNSUPPORTED_MEDIA_TYPE');
    try {
      await parse(ctx as never, async () => undefined);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 413) {
        ctx.set('Connection', 'close');
        throw new Problem('BODY_TOO_LARGE', { detail: `at most ${limitBytes} bytes`, cause: error });
      }
      throw new Problem('MALFORMED_BODY', { cause: error });
    }
    await next();
  };
}
