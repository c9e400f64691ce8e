import type { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { Problem } from '../problem.js';
import type { AppContext } from './app-state.js';

/** Content-Encodings a request body may have: none, or gzip (what CompressionStream('gzip') makes). */
export const REQUEST_ENCODINGS = ['identity', 'gzip', 'x-gzip'] as const;

/**
 * Reads a request body of at most `limitBytes`, decompressing gzip. Both
 * sizes are bounded: the bytes on the wire (a declared Content-Length over
 * the limit is refused before a byte is read, a chunked body as soon as it
 * passes it) and the decompressed bytes, counted while inflating in small
 * pieces, so a gzip bomb (10 KB that would inflate to 1 GB) is refused at the
 * limit without ever being held. Unknown encoding → 415
 * UNSUPPORTED_CONTENT_ENCODING; corrupt gzip → 400 MALFORMED_BODY naming
 * Content-Encoding; too large → 413 BODY_TOO_LARGE naming the limit.
 */
export async function readBoundedBody(ctx: AppContext, limitBytes: number): Promise<Buffer> {
  // `field`: the declared Content-Length when it alone is refused, else the body as it came.
  const tooLarge = (what: string, field = 'body') => {
    // The unread body stays on the socket: close it after answering.
    ctx.set('Connection', 'close');
    return new Problem('BODY_TOO_LARGE', { field, detail: `at most ${limitBytes} bytes${what}` });
  };
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limitBytes) throw tooLarge('', 'Content-Length');
  const encoding = readEncoding(ctx);

  const input = ctx.req as Readable;
  let refusal: Problem | null = null;
  const decoder = encoding === 'identity' ? null : createGunzip({ chunkSize: 16 * 1024 });
  const output: Readable = decoder ? inflate(input, decoder, limitBytes, () => (refusal = tooLarge(''))) : input;

  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of output) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > limitBytes) {
        refusal = tooLarge(decoder ? ' once decompressed' : '');
        if (decoder) stopInflating(input, decoder);
        throw refusal;
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (refusal) throw refusal;
    if (decoder && isZlibError(error)) {
      ctx.set('Connection', 'close');
      throw new Problem('MALFORMED_BODY', { field: 'Content-Encoding', detail: `the body is not valid ${encoding}`, cause: error });
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}

/**
 * Pipes the request through the decoder, counting the compressed bytes: past
 * `limitBytes` of them, inflating stops with the refusal `onTooLarge` makes.
 * The request itself is left unread, not destroyed, so the 413 still reaches
 * the client (the connection is closed after it).
 */
function inflate(input: Readable, decoder: Gunzip, limitBytes: number, onTooLarge: () => Problem): Readable {
  let wireBytes = 0;
  input.on('data', (chunk: Buffer) => {
    wireBytes += chunk.length;
    if (wireBytes > limitBytes && !decoder.destroyed) {
      const refusal = onTooLarge();
      stopInflating(input, decoder, refusal);
    }
  });
  input.on('error', (error) => decoder.destroy(error));
  input.pipe(decoder);
  return decoder;
}

function stopInflating(input: Readable, decoder: Gunzip, error?: Error): void {
  input.unpipe(decoder);
  input.removeAllListeners('data');
  input.pause();
  decoder.destroy(error);
}

function readEncoding(ctx: AppContext): (typeof REQUEST_ENCODINGS)[number] {
  const raw = (ctx.get('content-encoding') || 'identity').trim().toLowerCase();
  if ((REQUEST_ENCODINGS as readonly string[]).includes(raw)) return raw as (typeof REQUEST_ENCODINGS)[number];
  ctx.set('Connection', 'close');
  ctx.set('Accept-Encoding', 'gzip');
  throw new Problem('UNSUPPORTED_CONTENT_ENCODING', { field: 'Content-Encoding', detail: `${raw.slice(0, 40)} is not supported; use gzip or none` });
}

function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
