/**
 * A circuit breaker around the province, pure: the forwarder keeps the state
 * and asks before each send. Closed: send. After `threshold` transient
 * failures in a row it opens: nothing is sent (and no entry spends an
 * attempt) for `openMs`. Then half-open: one probe is let through; its success
 * closes the circuit, its failure opens it again.
 */
export interface BreakerOptions {
  threshold: number;
  openMs: number;
}

export type BreakerState = { phase: 'closed'; failures: number } | { phase: 'open'; until: number } | { phase: 'half-open'; probing: boolean };

export const CLOSED: BreakerState = { phase: 'closed', failures: 0 };

/** Whether a send may go now, and the state after deciding (half-open lets one probe out). */
export function requestPermission(state: BreakerState, now: number): { allowed: boolean; state: BreakerState } {
  if (state.phase === 'closed') return { allowed: true, state };
  if (state.phase === 'open') {
    if (now < state.until) return { allowed: false, state };
    return { allowed: true, state: { phase: 'half-open', probing: true } };
  }
  if (state.probing) return { allowed: false, state };
  return { allowed: true, state: { phase: 'half-open', probing: true } };
}

export function recordSuccess(): BreakerState {
  return CLOSED;
}

/** A transient failure (no answer, 5xx). Permanent refusals are answers: they do not count. */
export function recordFailure(state: BreakerState, now: number, options: BreakerOptions): BreakerState {
  if (state.phase === 'half-open') return { phase: 'open', until: now + options.openMs };
  if (state.phase === 'open') return state;
  const failures = state.failures + 1;
  return failures >= options.threshold ? { phase: 'open', until: now + options.openMs } : { phase: 'closed', failures };
}
