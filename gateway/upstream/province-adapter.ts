import type { IntakeAck, IntakeApplication, IntakeCaseReceipt, IntakeChanges, IntakeRating, IntakeSupplement } from '../../province/intake-contract.js';

/**
 * The provincial platform as the forwarder and the status poller see it.
 * The HTTP adapter speaks province/INTAKE-API.md; tests may pass any other.
 * Every call either answers or throws an {@link UpstreamError}.
 */
export interface ProvinceAdapter {
  /** Uploads one material's bytes (idempotent by hash). */
  putMaterial(sha256: string, contentType: string, bytes: Buffer): Promise<void>;
  submitApplication(key: string, body: IntakeApplication): Promise<IntakeCaseReceipt & Replay>;
  submitSupplement(key: string, caseId: string, body: IntakeSupplement): Promise<IntakeAck & Replay>;
  submitRating(key: string, caseId: string, body: IntakeRating): Promise<IntakeAck & Replay>;
  /** Case events after the opaque cursor. */
  pullChanges(cursor: string, limit: number): Promise<IntakeChanges>;
}

/** Marks an answer the province replayed: a resend it recognised by its Idempotency-Key (metrics count them). */
export interface Replay {
  replayed?: boolean;
}

/**
 * A failed call. `permanent`: the province answered and will answer the same
 * to a resend (a 4xx other than 408/424/429): the entry becomes a dead letter.
 * Otherwise (no answer, timeout, 5xx, 424/429) it is retried with backoff.
 */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}
