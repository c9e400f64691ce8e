/**
 * The device's one retry helper, for the page and the service worker alike:
 * how long to wait before trying again (exponential backoff with jitter,
 * never shorter than what a busy gateway asked with `Retry-After`), and
 * `withRetryAfter` for a request the gateway asked to repeat later.
 */

/** First retry waits about this long. */
export const BACKOFF_BASE_MS = 1_000;
/** No wait is longer than this: five minutes is long enough for a village link. */
export const BACKOFF_MAX_MS = 5 * 60 * 1_000;
/** The jitter window after a `Retry-After`: this long at first, doubling with each refusal up to {@link RETRY_AFTER_SPREAD_MAX} times. */
export const RETRY_AFTER_WINDOW_MS = 1_000;
/** The jitter window after a `Retry-After` grows to at most this many times {@link RETRY_AFTER_WINDOW_MS}. */
export const RETRY_AFTER_SPREAD_MAX = 4;
/** Attempts of one request the gateway asked to retry later, before the caller's own retry takes over. */
export const RETRY_AFTER_ATTEMPTS = 5;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export interface RetryDelayOptions extends BackoffOptions {
  /**
   * - `equal` (default): half the window fixed, half random, so a whole
   *   village coming back online after a power cut does not reconnect in the
   *   same second, yet nobody retries immediately in a loop (live stream, pushes);
   * - `full`: uniform over the whole window, which thins a stampede most
   *   (material uploads; AWS Architecture Blog, "Exponential Backoff And Jitter").
   */
  jitter?: 'equal' | 'full';
  /** What a busy gateway's `Retry-After` asked for, in ms: the wait is never shorter ({@link retryAfterDelay}). */
  askedMs?: number;
}

/**
 * Delay before retry `attempt` (0 for the first): an exponential window,
 * capped, with jitter; at least {@link retryAfterDelay} when the gateway
 * asked for a wait.
 */
export function retryDelay(attempt: number, options: RetryDelayOptions = {}): number {
  const { baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS, random = Math.random, jitter = 'equal', askedMs } = options;
  const window = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  const backoff = jitter === 'full' ? Math.round(random() * window) : Math.round(window / 2 + random() * (window / 2));
  return askedMs === undefined ? backoff : Math.max(backoff, retryAfterDelay(askedMs, attempt, random));
}

/**
 * Milliseconds a `Retry-After` header asks to wait: delay-seconds or an
 * HTTP-date (RFC 9110 §10.2.3), read against `nowMs`. Undefined when absent or
 * unreadable; never negative, never more than the backoff cap.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1_000, BACKOFF_MAX_MS);
  // An HTTP-date names its day and month; Date.parse alone would read "-3" as a year.
  const at = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), BACKOFF_MAX_MS);
}

/**
 * How long to wait after the gateway asked for `retryAfterMs` on retry
 * `attempt` (0 for the first): never earlier than asked, plus a random share
 * of a window of one second that doubles with each refusal, up to four. The
 * gateway, which knows its load, sets the pace: it spreads the asks of a
 * storm over the seconds it needs to drain it (gateway/http/retry-slots.ts),
 * so the window stays small beside a long ask instead of growing with it;
 * phones told the same second still come back spread within it.
 */
export function retryAfterDelay(retryAfterMs: number, attempt: number, random: () => number = Math.random): number {
  const spread = Math.min(RETRY_AFTER_SPREAD_MAX, 2 ** Math.max(0, attempt));
  return Math.round(retryAfterMs + random() * RETRY_AFTER_WINDOW_MS * spread);
}

/** A failure that says what the gateway answered and what its `Retry-After` asked for (GatewayError). */
interface AnsweredFailure {
  status: number;
  retryAfterMs?: number;
}

export interface RetryAfterOptions {
  attempts?: number;
  random?: () => number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to count or show "服务器忙". */
  onRetry?: (error: Error & AnsweredFailure, delayMs: number) => void;
}

/** True when the gateway refused before doing anything and said when to come back (429/503 with Retry-After). */
export function isRetryLater(error: unknown): error is Error & AnsweredFailure & { retryAfterMs: number } {
  const failure = error as Partial<AnsweredFailure> | null;
  return error instanceof Error && typeof failure?.retryAfterMs === 'number' && (failure.status === 429 || failure.status === 503);
}

/**
 * Runs `work`, and again after the jittered wait each time the gateway
 * answers "retry later" (at most `attempts` times in all); any other failure,
 * or the last refusal, is thrown for the caller's own retry. Only for
 * requests that are safe to repeat: a refused push wrote nothing, and a
 * repeated one is answered "unchanged".
 */
export async function withRetryAfter<T>(work: () => Promise<T>, options: RetryAfterOptions = {}): Promise<T> {
  const attempts = options.attempts ?? RETRY_AFTER_ATTEMPTS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isRetryLater(error) || attempt + 1 >= attempts) throw error;
      const delay = retryAfterDelay(error.retryAfterMs, attempt, options.random);
      options.onRetry?.(error, delay);
      await sleep(delay);
    }
  }
}
