import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Middleware } from 'koa';
import type { AppState } from './app-state.js';

/** JSON answers smaller than this go plain: the encoding header would eat the gain. */
export const MIN_COMPRESSED_RESPONSE_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Compresses JSON answers (pull, push, have, …) with br or gzip when the
 * client accepts it: a pull page of 100 documents is mostly repeated keys.
 * Only bodies that are plain objects become compressed, so the live stream
 * (a stream body whose events must go out one by one), static files and tus
 * answers (written on the raw response) pass through untouched.
 */
export function createJsonCompression(): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (ctx.method === 'HEAD' || body === null || typeof body !== 'object' || Buffer.isBuffer(body) || isStream(body)) return;
    if (ctx.response.get('Content-Encoding')) return;
    ctx.vary('Accept-Encoding');
    const text = JSON.stringify(body);
    if (Buffer.byteLength(text) < MIN_COMPRESSED_RESPONSE_BYTES) return;
    // br where accepted (smaller for JSON), whatever order the client listed them in.
    const encoding = ctx.acceptsEncodings('br') === 'br' ? 'br' : ctx.acceptsEncodings('gzip') === 'gzip' ? 'gzip' : null;
    if (!encoding) return;
    const compressed =
      encoding === 'br'
        ? await brotli(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
        : await gzipAsync(text, { level: 6 });
    const status = ctx.status;
    ctx.body = compressed;
    ctx.status = status;
    ctx.type = 'application/json; charset=utf-8';
    ctx.set('Content-Encoding', encoding);
  };
}

function isStream(body: object): boolean {
  return typeof (body as { pipe?: unknown }).pipe === 'function';
}
