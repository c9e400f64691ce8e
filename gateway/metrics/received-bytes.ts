/** What a tus PATCH sent and how it was answered. */
export interface PatchExchange {
  /** The request's Upload-Offset header. */
  sentOffset: string;
  status: number;
  /** The answer's Upload-Offset header, if any. */
  answeredOffset: unknown;
  /** The upload's declared length. */
  size: number;
}

/** The hash-mismatch status (MATERIAL_HASH_MISMATCH). */
const HASH_MISMATCH_STATUS = 460;

/**
 * Bytes one PATCH added: the offset tus answered minus the one the device
 * sent. A final chunk refused for its hash (460) carries no offset, but every
 * byte up to the upload's length had arrived. Any other refusal added none.
 */
export function receivedBytes(exchange: PatchExchange): number {
  const from = Number(exchange.sentOffset);
  if (exchange.sentOffset === '' || !Number.isSafeInteger(from) || from < 0) return 0;
  const answered = Number(exchange.answeredOffset);
  if (exchange.status === 204 && exchange.answeredOffset !== undefined && Number.isSafeInteger(answered)) return Math.max(0, answered - from);
  if (exchange.status === HASH_MISMATCH_STATUS) return Math.max(0, exchange.size - from);
  return 0;
}
