/**
 * The pure core of the link simulator: when a chunk of bytes arrives at the
 * far end of a slow link, and at which byte the link drops. No sockets, no
 * timers, no wall clock: the simulator feeds it the current time and byte
 * counts, so its decisions can be checked exactly in a unit test.
 */

/** A kind of link. Absent figures mean "as fast as loopback". */
export interface LinkProfile {
  name: string;
  /** Bandwidth per direction, in bits per second. */
  bitsPerSecond?: number;
  /** Delay added to every chunk in each direction, ms: the round trip is twice this. */
  oneWayDelayMs?: number;
  /** Where the link drops; absent: never. */
  resets?: ResetSpacing;
}

/**
 * How far apart resets fall, in bytes counted over both directions and all
 * connections of the link.
 * - `jittered`: every `meanBytes` give or take `jitter` × `meanBytes`
 *   (uniform): a link that drops "every ~200 KB", as issue 5's profile says.
 * - `memoryless`: exponential intervals with that mean: a drop is as likely
 *   at any byte, so now and then the link carries far more than the mean.
 */
export interface ResetSpacing {
  kind: 'jittered' | 'memoryless';
  meanBytes: number;
  /** `jittered` only: the spread either side of the mean, as a fraction of it; default {@link DEFAULT_RESET_JITTER}. */
  jitter?: number;
}

/** "Every ~200 KB": 150 to 250 KB apart. */
export const DEFAULT_RESET_JITTER = 0.25;

/**
 * The profiles of issue 5: a 2G village link (100 kbit/s, 600 ms round trip,
 * a reset every ~200 KB), the same link with memoryless resets of the same
 * mean (kinder to whole-file retry: it sometimes carries a whole photo), and
 * a clean one.
 */
export const LINK_PROFILES = {
  '2g': { name: '2g', bitsPerSecond: 100_000, oneWayDelayMs: 300, resets: { kind: 'jittered', meanBytes: 200 * 1024 } },
  '2g-memoryless': { name: '2g-memoryless', bitsPerSecond: 100_000, oneWayDelayMs: 300, resets: { kind: 'memoryless', meanBytes: 200 * 1024 } },
  clean: { name: 'clean' },
} as const satisfies Record<string, LinkProfile>;

export type LinkProfileName = keyof typeof LINK_PROFILES;

/** A reset is never drawn closer than this to the previous one: a link that dies at every byte moves nothing. */
export const MIN_BYTES_BETWEEN_RESETS = 1024;

/**
 * One direction of a link: a FIFO serialiser (a token bucket that holds no
 * burst) followed by a fixed propagation delay. A chunk starts when the link
 * is free, takes `bytes × 8 / bitsPerSecond` to send, and arrives
 * `oneWayDelayMs` later. `timeScale` divides both, so a 25-minute transfer can
 * run in little over a minute with the same shape.
 */
export class LinkDirection {
  private busyUntilMs = 0;
  private readonly msPerByte: number;
  private readonly delayMs: number;

  constructor(profile: LinkProfile, timeScale = 1) {
    if (!(timeScale > 0)) throw new Error('timeScale must be positive');
    this.msPerByte = profile.bitsPerSecond ? (8 * 1000) / profile.bitsPerSecond / timeScale : 0;
    this.delayMs = (profile.oneWayDelayMs ?? 0) / timeScale;
  }

  /** True when the direction adds no time at all (chunks can be forwarded at once). */
  get isInstant(): boolean {
    return this.msPerByte === 0 && this.delayMs === 0;
  }

  /** When a chunk of `bytes` handed to the link at `nowMs` arrives at the far end. Never earlier than a chunk handed in before it. */
  schedule(nowMs: number, bytes: number): number {
    const start = Math.max(nowMs, this.busyUntilMs);
    this.busyUntilMs = start + bytes * this.msPerByte;
    return this.busyUntilMs + this.delayMs;
  }
}

/**
 * Random resets, deterministic for a seed: intervals in bytes drawn as the
 * {@link ResetSpacing} says, at least {@link MIN_BYTES_BETWEEN_RESETS}. The
 * offsets are counted over every byte the link carries, so the same traffic
 * with the same seed resets at the same bytes.
 */
export class ResetPlan {
  private readonly random: () => number;
  private next: number;

  constructor(
    private readonly spacing: ResetSpacing,
    seed: number,
  ) {
    if (!(spacing.meanBytes > 0)) throw new Error('meanBytes must be positive');
    const jitter = spacing.jitter ?? DEFAULT_RESET_JITTER;
    if (spacing.kind === 'jittered' && !(jitter >= 0 && jitter < 1)) throw new Error('jitter must be in [0, 1)');
    this.random = seededRandom(seed);
    this.next = this.draw(0);
  }

  /** The link byte offset at which the next reset happens. */
  get nextResetAt(): number {
    return this.next;
  }

  /** Records that the reset at {@link nextResetAt} happened and draws the one after. */
  advance(): number {
    this.next = this.draw(this.next);
    return this.next;
  }

  private draw(from: number): number {
    const { kind, meanBytes } = this.spacing;
    const u = this.random();
    const interval = kind === 'memoryless' ? -meanBytes * Math.log(1 - u) : meanBytes * (1 + (this.spacing.jitter ?? DEFAULT_RESET_JITTER) * (2 * u - 1));
    return from + Math.max(MIN_BYTES_BETWEEN_RESETS, Math.round(interval));
  }
}

/** A deterministic PRNG (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
