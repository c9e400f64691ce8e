import { BehaviorSubject, type Observable } from 'rxjs';
import { retryDelay, type BackoffOptions } from '../retry/retry.js';
import type { MaterialSource } from './material-source.js';
import { EMPTY_TRANSFER, withItem, withStatus, type TransferSnapshot } from './transfer-snapshot.js';
import { GatewayError } from '../client/gateway-error.js';
import type { UploadFailureKind } from './upload-failure.js';
import { decideAfterUploadFailure, NO_TRIES } from './upload-retry.js';

/** Materials sent at once: two keep a 2G link busy without starving the documents' requests. */
export const DEFAULT_UPLOAD_CONCURRENCY = 2;
/** Largest `have` question the gateway accepts (materialsHaveRequestSchema maxItems). */
export const HAVE_BATCH = 500;
/** Material retries start about here: a village link that dropped seldom comes back in a second. */
export const UPLOAD_BACKOFF_BASE_MS = 2_000;
/** An `online` event starts a round after a random wait up to this, so a village does not come back in one second. */
export const ONLINE_JITTER_MS = 3_000;

/** The gateway's side of material transfer, as the scheduler needs it. Failures are {@link GatewayError}s. */
export interface MaterialGateway {
  /** The subset of `sha256` the gateway already holds for this user. */
  have(sha256: string[]): Promise<string[]>;
  /**
   * Sends one material (tus: resumes where the gateway's offset stands).
   * Resolves once the gateway stored it with a matching hash.
   */
  upload(sha256: string, blob: Blob, onProgress: (sent: number, total: number) => void, signal: AbortSignal): Promise<void>;
}

export interface TransferTimer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

export interface TransferSchedulerOptions {
  source: MaterialSource;
  gateway: MaterialGateway;
  /** Resolves once the submitted documents reached the gateway: documents go first. */
  documentsSent(signal: AbortSignal): Promise<void>;
  concurrency?: number;
  /** Backoff of failed rounds (full jitter); `random` also spreads `online` starts. */
  backoff?: BackoffOptions;
  timer?: TransferTimer;
  /**
   * Runs the material part of a round with exclusive access across tabs and
   * the service worker (a Web Lock). Taken after the documents are in: a tab
   * that is not the replication leader waits for them forever and must not
   * hold the lock meanwhile.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** A 401: the session flow asks the person to sign in again. */
  onNeedsSignIn?(): void;
}

export interface TransferScheduler {
  readonly snapshot$: Observable<TransferSnapshot>;
  snapshot(): TransferSnapshot;
  /** Starts a round now, or right after the one running (start, push finished, new submit). */
  kick(): void;
  /** Starts a round after a random short wait (the network came back). */
  kickSoon(): void;
  /** Resolves when no round runs and none is due now (a backoff timer may be set). */
  settled(): Promise<void>;
  /** Aborts every upload and cancels every timer; nothing starts again. */
  stop(): Promise<void>;
}

type Outcome = 'sent' | 'retry' | 'skipped' | UploadFailureKind;

const realTimer: TransferTimer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/**
 * Sends the materials of submitted applications, a few at a time, after
 * their documents: asks the gateway which it holds (one question for all),
 * marks those sent, uploads the others. A failed round is retried with
 * exponential backoff and full jitter; a 401 or 426 stops it for good.
 */
export function createTransferScheduler(options: TransferSchedulerOptions): TransferScheduler {
  return new Scheduler(options);
}

class Scheduler implements TransferScheduler {
  readonly snapshot$ = new BehaviorSubject<TransferSnapshot>(EMPTY_TRANSFER);
  private readonly timer: TransferTimer;
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  /** Bytes of some material were acknowledged in the round now running: the link works. */
  private progressed = false;
  /** The longest `Retry-After` a busy gateway asked for during this round; the backoff after it is never shorter. */
  private askedToWaitMs: number | undefined;
  private retryHandle: unknown = null;
  private halted = false;
  /** Materials the gateway refused for good (too large, wrong type) or the device lost: not tried again this session. Never a lost upload or an offset conflict. */
  private readonly givenUp = new Set<string>();

  constructor(private readonly options: TransferSchedulerOptions) {
    this.timer = options.timer ?? realTimer;
  }

  snapshot(): TransferSnapshot {
    return this.snapshot$.value;
  }

  kick(): void {
    if (this.halted) return;
    this.cancelRetry();
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runRounds();
  }

  kickSoon(): void {
    if (this.halted || this.running) return;
    const random = this.options.backoff?.random ?? Math.random;
    this.scheduleRetry(Math.round(random() * ONLINE_JITTER_MS), false);
  }

  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.halted = true;
    this.cancelRetry();
    this.abort.abort();
    await this.running?.catch(() => undefined);
    this.update((s) => withStatus(s, 'stopped'));
  }

  private update(change: (snapshot: TransferSnapshot) => TransferSnapshot): void {
    this.snapshot$.next(change(this.snapshot$.value));
  }

  private async runRounds(): Promise<void> {
    try {
      do {
        this.again = false;
        const outcome = await this.runRound().catch((error: unknown) => this.kindOf(error));
        if (this.halted) return;
        this.afterRound(outcome);
      } while (this.again && !this.halted);
    } finally {
      this.running = null;
    }
  }

  private afterRound(outcome: Outcome): void {
    if (outcome === 'needs-sign-in' || outcome === 'needs-update') {
      this.halted = true;
      this.update((s) => withStatus(s, outcome));
      if (outcome === 'needs-sign-in') this.options.onNeedsSignIn?.();
      return;
    }
    if (RETRIED.has(outcome)) {
      if (this.again) return; // something new arrived meanwhile: the next round starts now
      // A round that moved bytes saw a working link: start the backoff again from its shortest wait.
      if (this.progressed) this.attempt = 0;
      const delay = retryDelay(this.attempt, { jitter: 'full', baseMs: UPLOAD_BACKOFF_BASE_MS, ...this.options.backoff, askedMs: this.askedToWaitMs });
      this.askedToWaitMs = undefined;
      this.attempt += 1;
      this.scheduleRetry(delay, true);
      return;
    }
    this.attempt = 0;
    this.update((s) => withStatus(s, 'idle'));
  }

  private scheduleRetry(delay: number, retrying: boolean): void {
    this.cancelRetry();
    if (retrying) this.update((s) => withStatus(s, 'retrying', this.timer.now() + delay));
    this.retryHandle = this.timer.set(() => {
      this.retryHandle = null;
      this.kick();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryHandle !== null) this.timer.clear(this.retryHandle);
    this.retryHandle = null;
  }

  /** The kind of a failure, remembering the wait a busy gateway asked for with it. */
  private kindOf(error: unknown): UploadFailureKind {
    const asked = error instanceof GatewayError ? error.retryAfterMs : undefined;
    if (asked !== undefined) this.askedToWaitMs = Math.max(asked, this.askedToWaitMs ?? 0);
    return failureKind(error);
  }

  /** One pass: documents, the `have` question, then the uploads. Resolves to the worst outcome. */
  private async runRound(): Promise<Outcome> {
    const signal = this.abort.signal;
    this.progressed = false;
    this.update((s) => withStatus(s, 'documents'));
    await this.options.documentsSent(signal);
    if (signal.aborted) return 'aborted';
    const exclusive = this.options.exclusive ?? ((work) => work());
    return exclusive(() => this.sendMaterials(signal));
  }

  /** The `have` question, then the uploads. */
  private async sendMaterials(signal: AbortSignal): Promise<Outcome> {
    const { source, gateway } = this.options;
    if (signal.aborted) return 'aborted';
    const unsent = (await source.unsent()).filter((sha256) => !this.givenUp.has(sha256));
    if (unsent.length === 0) return 'sent';
    this.update((s) => unsent.reduce((next, sha256) => (next.items[sha256]?.state === 'sending' ? next : withItem(next, sha256, { state: 'waiting' })), withStatus(s, 'sending')));

    const held = new Set<string>();
    for (let i = 0; i < unsent.length; i += HAVE_BATCH) for (const sha256 of await gateway.have(unsent.slice(i, i + HAVE_BATCH))) held.add(sha256);
    for (const sha256 of held) {
      await source.markUploaded(sha256);
      this.update((s) => withItem(s, sha256, { state: 'sent', sent: s.items[sha256]?.total ?? 0 }));
    }
    const queue = unsent.filter((sha256) => !held.has(sha256));
    const outcomes = await runPool(queue, this.options.concurrency ?? DEFAULT_UPLOAD_CONCURRENCY, (sha256) => this.sendOne(sha256, signal));
    return worstOf(outcomes);
  }

  /**
   * Sends one material; a mismatch reads it again and sends it from the start,
   * an offset conflict resumes where HEAD says, a lost upload starts anew
   * unless the gateway holds the material already.
   */
  private async sendOne(sha256: string, signal: AbortSignal): Promise<Outcome> {
    let acknowledged = 0;
    for (let tries = NO_TRIES; ;) {
      const before = acknowledged;
      if (signal.aborted) return 'aborted';
      const blob = await this.options.source.blob(sha256);
      if (!blob) {
        this.givenUp.add(sha256);
        this.update((s) => withItem(s, sha256, { state: 'failed' }));
        return 'skipped';
      }
      this.update((s) => withItem(s, sha256, { state: 'sending', total: blob.size }));
      try {
        const onProgress = (sent: number, total: number) => {
          if (sent > acknowledged) {
            acknowledged = sent;
            this.progressed = true;
          }
          this.update((s) => withItem(s, sha256, { sent, total }));
        };
        await this.options.gateway.upload(sha256, blob, onProgress, signal);
        return await this.markSent(sha256, blob.size);
      } catch (error) {
        const kind = this.kindOf(error);
        const decision = decideAfterUploadFailure(kind, acknowledged > before, tries);
        if (decision.action === 'resume') {
          tries = decision.tries;
          continue;
        }
        if (decision.action === 'give-up') {
          this.givenUp.add(sha256);
          this.update((s) => withItem(s, sha256, { state: 'failed' }));
          return kind;
        }
        if (decision.action === 'wait') {
          if (decision.fromStart) this.update((s) => withItem(s, sha256, { sent: 0 }));
          return this.waitFor(sha256, kind);
        }
        tries = decision.tries;
        acknowledged = 0;
        this.update((s) => withItem(s, sha256, { sent: 0 }));
        if (decision.action === 'resend') continue;
        // The upload may have ended because the material was stored (its last answer was lost).
        const held = await this.heldByGateway(sha256);
        if (held === true) return this.markSent(sha256, blob.size);
        if (held === false) continue;
        return this.waitFor(sha256, held);
      }
    }
  }

  private async markSent(sha256: string, size: number): Promise<Outcome> {
    await this.options.source.markUploaded(sha256);
    this.update((s) => withItem(s, sha256, { state: 'sent', sent: size, total: size }));
    return 'sent';
  }

  /** Whether the gateway holds the material, or why it could not say. */
  private async heldByGateway(sha256: string): Promise<boolean | UploadFailureKind> {
    try {
      return (await this.options.gateway.have([sha256])).includes(sha256);
    } catch (error) {
      return this.kindOf(error);
    }
  }

  /** Leaves the material for a later round after `kind`. */
  private waitFor(sha256: string, kind: UploadFailureKind): Outcome {
    this.update((s) => withItem(s, sha256, { state: 'waiting' }));
    // Stop the others too: the same token or app fails them all.
    if (kind === 'needs-sign-in' || kind === 'needs-update') this.abort.abort();
    return kind;
  }
}

/** Runs `work` over `items`, at most `concurrency` at once, in order of the list. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

const SEVERITY: Outcome[] = ['needs-update', 'needs-sign-in', 'aborted', 'offline', 'server', 'conflict', 'gone', 'mismatch', 'retry', 'refused', 'skipped', 'sent'];
/** Outcomes of a round that another round after a backoff can fix. */
const RETRIED: ReadonlySet<Outcome> = new Set<Outcome>(['retry', 'offline', 'server', 'conflict', 'gone', 'mismatch']);

function worstOf(outcomes: Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((worst, o) => (SEVERITY.indexOf(o) < SEVERITY.indexOf(worst) ? o : worst), 'sent');
}

function failureKind(error: unknown): UploadFailureKind {
  if (error instanceof GatewayError) return error.kind;
  if ((error as { name?: string })?.name === 'AbortError') return 'aborted';
  console.error('material transfer failed', error);
  return 'server';
}
