import { toHex } from './hex.js';

/**
 * Hex SHA-256 of a blob's bytes, with WebCrypto (a secure context is needed:
 * HTTPS or localhost — the PWA is only ever served that way).
 */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return toHex(digest);
}
