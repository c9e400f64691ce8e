import { Problem } from '../problem.js';
import type { AppContext } from './app-state.js';
import { readBoundedBody } from './bounded-body.js';

/**
 * Reads a JSON request's body as text, at most `limitBytes` (plain or gzip,
 * see {@link readBoundedBody}). The text is not parsed here: an import file
 * that is not JSON is answered as an import problem, not a bad request.
 */
export async function readBoundedJsonText(ctx: AppContext, limitBytes: number): Promise<string> {
  const type = ctx.request.is('application/json');
  if (type === null) throw new Problem('MALFORMED_BODY', { field: 'body', detail: 'a JSON body is required' });
  if (type === false) throw new Problem('UNSUPPORTED_MEDIA_TYPE', { field: 'Content-Type', detail: 'send application/json' });
  return (await readBoundedBody(ctx, limitBytes)).toString('utf8');
}
