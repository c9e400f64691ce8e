import { constants } from 'node:zlib';
import compress from 'koa-compress';
import type { Middleware } from 'koa';
import type { AppState } from './app-state.js';

/** Answers smaller than this go plain: the encoding header would eat the gain. */
export const MIN_COMPRESSED_RESPONSE_BYTES = 1024;

/**
 * What is worth compressing: JSON answers (a pull page of 100 documents is
 * mostly repeated keys) and the app files the gateway serves. Listed, not
 * `compressible`'s guess: `text/event-stream` is compressible to it, and the
 * live stream's events must leave one by one, never wait in a compressor's buffer
 * (the stream also answers `Cache-Control: no-transform`, which koa-compress honours).
 */
const COMPRESSED_TYPES = /^(application\/(json|javascript|manifest\+json)|text\/(html|css|javascript)|image\/svg\+xml)(;|$)/i;

/** Whether an answer of this Content-Type may be compressed. */
export function isCompressedType(contentType: string): boolean {
  return COMPRESSED_TYPES.test(contentType);
}

/**
 * br or gzip for JSON answers and app files when the client accepts it (br
 * preferred whatever order the client lists them in), `Vary: Accept-Encoding`
 * on every answer. Photos are already compressed and go as they are; tus
 * answers are written on the raw response and never pass through here.
 * Request bodies are inflated apart, bounded (bounded-body.ts).
 */
export function createResponseCompression(): Middleware<AppState> {
  return compress({
    filter: isCompressedType,
    threshold: MIN_COMPRESSED_RESPONSE_BYTES,
    br: { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
    gzip: { level: 6 },
    deflate: false,
    // Node 22.15+ has zstd; devices and proxies here expect br or gzip only.
    zstd: false,
  });
}
