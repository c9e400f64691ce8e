/**
 * A client id that matches the protocol's ID_PATTERN. Uses getRandomValues,
 * not randomUUID: randomUUID needs a secure context, and a county office may
 * open the app over plain http on its LAN.
 */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
