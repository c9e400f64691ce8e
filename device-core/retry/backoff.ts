/** First reconnect waits about this long. */
export const BACKOFF_BASE_MS = 1_000;
/** No wait is longer than this: five minutes is long enough for a village link. */
export const BACKOFF_MAX_MS = 5 * 60 * 1_000;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0 for the first retry):
 * exponential, capped, with "equal jitter" — half the window fixed, half
 * random — so a whole village coming back online after a power cut does not
 * reconnect in the same second, yet nobody retries immediately in a loop.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS, random = Math.random } = options;
  const window = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(window / 2 + random() * (window / 2));
}

/**
 * Delay before retry `attempt` (0 for the first) with "full jitter": uniform
 * over the whole exponential window. Used for material uploads, where many
 * phones of one village come back at the same moment and spreading them over
 * the full window thins the stampede most (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 */
export function fullJitterDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS, random = Math.random } = options;
  const window = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(random() * window);
}
