import { Problem } from '../problem.js';
import type { AppContext } from './app-state.js';

/**
 * Reads a JSON request's body as text, at most `limitBytes`: a declared
 * Content-Length over the limit is refused before a byte is read, a chunked
 * body as soon as it passes the limit. The text is not parsed here: an import
 * file that is not JSON is answered as an import problem, not a bad request.
 */
export async function readBoundedJsonText(ctx: AppContext, limitBytes: number): Promise<string> {
  const tooLarge = () => {
    // The unread body stays on the socket: close it after answering.
    ctx.set('Connection', 'close');
    return new Problem('BODY_TOO_LARGE', { detail: `at most ${limitBytes} bytes` });
  };
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limitBytes) throw tooLarge();
  const type = ctx.request.is('application/json');
  if (type === null) throw new Problem('MALFORMED_BODY', { detail: 'a JSON body is required' });
  if (type === false) throw new Problem('UNSUPPORTED_MEDIA_TYPE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limitBytes) throw tooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
