/** How far back finished requests count toward the drain rate. */
const RATE_WINDOW_MS = 5_000;

export interface RetrySlotLimits {
  /** The shortest wait asked, in whole seconds. */
  minSeconds: number;
  /** The longest wait asked, in whole seconds. */
  maxSeconds: number;
  /** Turns of the gate: requests working at once. */
  turns: number;
  /** Requests assumed to finish per second before any has finished. */
  initialPerSecond: number;
}

/**
 * The `Retry-After` of each refusal, spread at the rate the gate drains.
 *
 * Why not one fixed value: a county reconnecting at once is refused in the
 * same second, and a fixed "come back in 2 s" brings it back as a wave that
 * fills the queue, is refused again, and leaves the gate idle between waves.
 * Each refusal here is given the next free slot instead, one per expected
 * finished request, so the refused come back about as fast as the gate can
 * take them (the device adds a little jitter of its own). The rate is the
 * gate's turns over the mean time a request held one lately: right from the
 * first finished request, which a count per second is not. Pure: the caller
 * passes the clock.
 */
export class RetrySlots {
  private nextSlotMs = 0;
  private readonly finished: { atMs: number; heldMs: number }[] = [];

  constructor(private readonly limits: RetrySlotLimits) {}

  /** A request that held a turn for `heldMs` finished at `nowMs`. */
  recordFinished(nowMs: number, heldMs: number): void {
    this.finished.push({ atMs: nowMs, heldMs: Math.max(1, heldMs) });
    this.forgetBefore(nowMs - RATE_WINDOW_MS);
  }

  /** Requests the gate finishes per second at its pace lately (the initial guess before any). */
  drainPerSecond(nowMs: number): number {
    this.forgetBefore(nowMs - RATE_WINDOW_MS);
    if (this.finished.length === 0) return this.limits.initialPerSecond;
    const meanHeldMs = this.finished.reduce((sum, f) => sum + f.heldMs, 0) / this.finished.length;
    return (this.limits.turns * 1_000) / meanHeldMs;
  }

  /** Whole seconds the refusal at `nowMs` asks to wait, and books that slot. */
  next(nowMs: number): number {
    const { minSeconds, maxSeconds } = this.limits;
    const interval = 1_000 / this.drainPerSecond(nowMs);
    const earliest = nowMs + minSeconds * 1_000;
    const latest = nowMs + maxSeconds * 1_000;
    this.nextSlotMs = Math.min(latest, Math.max(this.nextSlotMs + interval, earliest));
    return Math.min(maxSeconds, Math.max(minSeconds, Math.ceil((this.nextSlotMs - nowMs) / 1_000)));
  }

  private forgetBefore(cutoffMs: number): void {
    let drop = 0;
    while (drop < this.finished.length && this.finished[drop].atMs < cutoffMs) drop += 1;
    if (drop > 0) this.finished.splice(0, drop);
  }
}
