/** When to try a failed delivery again, and when to give up. Pure. */
export interface RetryPolicy {
  /** First delay before jitter. */
  baseMs: number;
  /** Longest delay. */
  capMs: number;
  /** Attempts (transient failures) after which the entry becomes a dead letter. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 2_000,
  capMs: 30 * 60_000, // 30 minutes: a province down for days is tried twice an hour
  maxAttempts: 500, // with the cap, about ten days of trying before an operator must look
};

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential
 * Backoff And Jitter"): a uniformly random delay in [0, min(cap, base·2^n)),
 * so instances that failed together do not retry together. `attempts` is the
 * number of failures so far (≥ 1); `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.floor(random * ceiling);
}

/** What to do with an entry after a failed attempt. */
export type FailureDecision = { action: 'retry'; delayMs: number } | { action: 'dead'; reason: string };

/** A permanent refusal is dead at once; a transient one is retried until `maxAttempts`. */
export function decideAfterFailure(attempts: number, failure: { permanent: boolean; reason: string }, policy: RetryPolicy, random: number): FailureDecision {
  if (failure.permanent) return { action: 'dead', reason: failure.reason };
  if (attempts >= policy.maxAttempts) return { action: 'dead', reason: `gave up after ${attempts} attempts: ${failure.reason}` };
  return { action: 'retry', delayMs: retryDelayMs(attempts, policy, random) };
}
