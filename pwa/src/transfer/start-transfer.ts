import { distinctUntilChanged, EMPTY, map, merge, type Observable, type Subscription } from 'rxjs';
import type { ReplicationHandle } from '../sync/start-replication.js';
import type { MaterialSource } from '../../../device-core/transfer/material-source.js';
import { createTransferScheduler, type MaterialGateway, type TransferScheduler, type TransferSchedulerOptions } from '../../../device-core/transfer/transfer-scheduler.js';
import type { TransferSnapshot } from '../../../device-core/transfer/transfer-snapshot.js';

export interface StartTransferOptions {
  source: MaterialSource;
  gateway: MaterialGateway;
  /** The running replication: documents go first, and each pushed application starts a round. */
  replication: Pick<ReplicationHandle, 'awaitCollectionInSync' | 'sent$'>;
  /** The network came back (`online` events): a round after a short random wait. */
  online$?: Observable<unknown>;
  /** A new application was submitted: a round now. */
  submitted$?: Observable<unknown>;
  onSnapshot(snapshot: TransferSnapshot): void;
  onNeedsSignIn?(): void;
  /**
   * Asks for Background Sync, so the service worker finishes if the page
   * closes: called when a round has work and after every submit; the
   * browser side decides whether registering is worth it now.
   */
  requestBackgroundUpload?(): void;
  /** Shared with the service worker: one uploader at a time. */
  exclusive?: TransferSchedulerOptions['exclusive'];
  concurrency?: number;
  backoff?: TransferSchedulerOptions['backoff'];
  timer?: TransferSchedulerOptions['timer'];
}

export interface TransferHandle {
  readonly scheduler: TransferScheduler;
  /** Stops sending (sign-out, switch of person); nothing of this person is sent afterwards. */
  stop(): Promise<void>;
}

/** States in which something may still be waiting to go. */
export const BUSY_STATUSES = new Set<TransferSnapshot['status']>(['documents', 'sending', 'retrying']);

/**
 * Sends one signed-in person's materials for as long as their session runs:
 * a round at start, after every application the gateway accepted, after a
 * submit and when the network comes back. It keeps going while the page is
 * hidden (nothing here watches visibility); when a round has work, Background
 * Sync is registered so a closed page's work is finished by the service worker.
 */
export function startTransfer(options: StartTransferOptions): TransferHandle {
  const scheduler = createTransferScheduler({
    source: options.source,
    gateway: options.gateway,
    documentsSent: (signal) => untilAborted(options.replication.awaitCollectionInSync('applications'), signal),
    concurrency: options.concurrency,
    backoff: options.backoff,
    timer: options.timer,
    exclusive: options.exclusive,
    onNeedsSignIn: options.onNeedsSignIn,
  });
  const subscriptions: Subscription[] = [
    scheduler.snapshot$.subscribe((snapshot) => options.onSnapshot(snapshot)),
    scheduler.snapshot$
      .pipe(
        map((s) => BUSY_STATUSES.has(s.status)),
        distinctUntilChanged(),
      )
      .subscribe((busy) => busy && options.requestBackgroundUpload?.()),
    merge(options.replication.sent$('applications'), options.submitted$ ?? []).subscribe(() => scheduler.kick()),
    (options.submitted$ ?? EMPTY).subscribe(() => options.requestBackgroundUpload?.()),
  ];
  if (options.online$) subscriptions.push(options.online$.subscribe(() => scheduler.kickSoon()));
  scheduler.kick();

  return {
    scheduler,
    async stop() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await scheduler.stop();
    },
  };
}

/** Settles with `work`, or resolves at once when `signal` aborts (the scheduler then sees the abort itself). */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
    work.then(resolve, reject);
  });
}
