/**
 * Request bodies under this size go plain: gzip's header and the CPU are not
 * worth it for a sign-in or a one-row push.
 */
export const MIN_COMPRESSED_BODY_BYTES = 1024;

/**
 * Gzips a request body with the platform's CompressionStream (browsers,
 * Node ≥ 18), or answers null where there is none (the body then goes plain).
 * The whole body is compressed before sending, so it has a Content-Length:
 * the gateway refuses an oversized body before reading it, and no browser
 * needs streaming request bodies.
 */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const compressed = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(compressed).arrayBuffer());
}
