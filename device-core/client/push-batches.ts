import { LIMITS, type PushRow } from '../../sync-protocol/messages.js';

/**
 * Most bytes of one push body's JSON (before compression: the gateway bounds
 * the inflated size), with room left for the envelope.
 */
export const MAX_PUSH_JSON_BYTES = Math.floor(LIMITS.maxPushBodyBytes * 0.9);

/**
 * Splits rows into pushes whose JSON stays under `maxBytes` and
 * LIMITS.maxPushRows rows, in order. Usually one push: 100 applications are a
 * few hundred KB. A single row over the limit goes alone (the gateway then
 * refuses that one document, not its neighbours).
 */
export function splitPushRows<T>(rows: readonly PushRow<T>[], maxBytes = MAX_PUSH_JSON_BYTES): PushRow<T>[][] {
  const batches: PushRow<T>[][] = [];
  let current: PushRow<T>[] = [];
  let size = 0;
  for (const row of rows) {
    const rowBytes = utf8Length(JSON.stringify(row)) + 1;
    if (current.length > 0 && (size + rowBytes > maxBytes || current.length >= LIMITS.maxPushRows)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += rowBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
