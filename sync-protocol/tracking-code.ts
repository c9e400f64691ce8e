import { TRACKING_CODE_PATTERN } from './schemas/application.js';

/** Crockford's base32: no I, L, O, U, so a code read aloud over the phone survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Makes a tracking code from 10 random bytes (80 bits): unique without a
 * server, so the device can print it on the receipt while offline.
 * `randomBytes` is injected (crypto.getRandomValues on devices).
 */
export function makeTrackingCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `TB-${out.match(/.{4}/g)!.join('-')}`;
}

/**
 * Normalises a code as a person types it (lowercase, spaces, O for 0, I/L
 * for 1) and answers it, or null when it is not a tracking code.
 */
export function normaliseTrackingCode(input: string): string | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^TB[0-9A-Z]{16}$/.test(chars)) return null;
  const code = `TB-${chars.slice(2).match(/.{4}/g)!.join('-')}`;
  return new RegExp(TRACKING_CODE_PATTERN).test(code) ? code : null;
}
