// The modules, not the index: the service worker uses this too.
import { BACKOFF_MAX_MS } from './backoff.js';

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

/** The jitter window grows to at most this many times what the gateway asked. */
export const RETRY_AFTER_SPREAD_MAX = 4;

/**
 * How long to wait after the gateway asked for `retryAfterMs` on retry
 * `attempt` (0 for the first): never earlier than asked, plus a random share
 * of a window that doubles with each refusal, up to four times the ask. A
 * thousand phones told "2 s" at once then come back spread over seconds
 * instead of in the same instant; the gateway, which knows its load, sets
 * the pace, so the window does not grow without bound.
 */
export function retryAfterDelay(retryAfterMs: number, attempt: number, random: () => number = Math.random): number {
  const spread = Math.min(RETRY_AFTER_SPREAD_MAX, 2 ** Math.max(0, attempt));
  const window = Math.min(BACKOFF_MAX_MS, Math.max(retryAfterMs, 1_000) * spread);
  return Math.round(retryAfterMs + random() * window);
}
