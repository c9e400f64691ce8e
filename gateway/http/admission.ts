/** Bounds of the admission gate (TB_ADMISSION_* in gateway/config.ts). */
export interface AdmissionLimits {
  /** Requests working on the store at once. */
  maxActive: number;
  /** Requests waiting for a turn; one more is refused at once. */
  maxQueued: number;
  /** A request that waited this long for a turn is refused: its device retries later instead. */
  maxWaitMs: number;
  /** The shortest wait a refusal asks of the device (`Retry-After`, whole seconds). */
  retryAfterSeconds: number;
  /** The longest: refusals are spread up to this at the rate the gate drains (retry-slots.ts). */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxActive: 8, maxQueued: 256, maxWaitMs: 1_000, retryAfterSeconds: 1, maxRetryAfterSeconds: 30 };

/** Frees the turn a request was given; calling it twice frees it once. */
export type Release = () => void;

export interface AdmissionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Waiter {
  admit(release: Release): void;
  refuse(): void;
}

const SYSTEM_TIMERS: AdmissionTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A bounded admission gate in front of the store: at most `maxActive`
 * requests work at once, at most `maxQueued` wait (first come, first
 * served), none waits longer than `maxWaitMs`. Everything else is refused
 * at once, before it read or wrote anything, so a county reconnecting at
 * once meets short answers ("come back in 2 s") instead of a queue without
 * bound in front of CouchDB. Per process: each gateway instance bounds its
 * own share of the store.
 */
export class AdmissionGate {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly timers: AdmissionTimers = SYSTEM_TIMERS,
  ) {}

  /** Requests working now, and waiting now (for metrics and tests). */
  get counts(): { active: number; queued: number } {
    return { active: this.active, queued: this.queue.length };
  }

  /**
   * A turn, or null when refused (full queue, waited too long, or `signal`
   * aborted while waiting: the client left).
   */
  enter(signal?: AbortSignal): Promise<Release | null> {
    if (this.active < this.limits.maxActive && this.queue.length === 0) return Promise.resolve(this.take());
    if (this.queue.length >= this.limits.maxQueued || signal?.aborted) return Promise.resolve(null);
    return new Promise((resolve) => {
      const leave = () => {
        this.timers.clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
      };
      const onAbort = () => waiter.refuse();
      const waiter: Waiter = {
        admit: (release) => {
          leave();
          resolve(release);
        },
        refuse: () => {
          leave();
          resolve(null);
        },
      };
      const timer = this.timers.setTimeout(() => waiter.refuse(), this.limits.maxWaitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private take(): Release {
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      const next = this.queue[0];
      if (next && this.active < this.limits.maxActive) next.admit(this.take());
    };
  }
}
