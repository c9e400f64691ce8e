/**
 * A replication checkpoint. It is made by the server from its own update
 * sequence (CouchDB's `seq`) and is opaque to everyone else: clients store it
 * and hand it back, they never compare, parse or compute with it. Device
 * clocks play no part, so a phone whose clock is days off still pulls exactly
 * what it has not seen.
 */
export interface Checkpoint {
  /** Opaque server sequence; `"0"` means "from the beginning". */
  seq: string;
}

export const INITIAL_CHECKPOINT: Checkpoint = { seq: '0' };

export const checkpointSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { seq: { type: 'string', minLength: 1, maxLength: 2000 } },
  required: ['seq'],
} as const;

/** Encodes a checkpoint for a query string. */
export function encodeCheckpoint(checkpoint: Checkpoint | undefined | null): string {
  return (checkpoint ?? INITIAL_CHECKPOINT).seq;
}

/** Decodes a checkpoint from a query string value; absent means initial. */
export function decodeCheckpoint(value: string | undefined | null): Checkpoint {
  return value === undefined || value === null || value === '' ? INITIAL_CHECKPOINT : { seq: value };
}
