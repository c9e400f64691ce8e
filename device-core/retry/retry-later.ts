import { GatewayError } from '../gateway/gateway-error.js';
import { retryAfterDelay } from './retry-after.js';

/** Attempts of one request the gateway asked to retry later, before the caller's own retry takes over. */
export const RETRY_AFTER_ATTEMPTS = 5;

export interface RetryAfterOptions {
  attempts?: number;
  random?: () => number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to count or show "服务器忙". */
  onRetry?: (error: GatewayError, delayMs: number) => void;
}

/** True when the gateway refused before doing anything and said when to come back (429/503 with Retry-After). */
export function isRetryLater(error: unknown): error is GatewayError & { retryAfterMs: number } {
  return error instanceof GatewayError && error.retryAfterMs !== undefined && (error.status === 429 || error.status === 503);
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
