import { Subject, type Observable } from 'rxjs';
import type { Checkpoint, CollectionName } from '../../../sync-protocol/index.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import { retryDelay, type BackoffOptions } from '../../../device-core/retry/retry.js';
import type { StreamItem } from './live-stream.js';

export interface StampRepullOptions {
  client: GatewayClient;
  collection: CollectionName;
  batchSize: number;
  onError: (error: unknown) => void;
  /**
   * Resolves once RxDB recorded what the last push sent (its upstream queue).
   * RxDB writes that record after the push handler returned; a batch handed
   * over earlier is compared with the old record and skipped.
   */
  pushRecorded?: () => Promise<unknown>;
  backoff?: BackoffOptions;
}

/**
 * Brings home the server stamp (`server.receivedAt`) of documents this device
 * just pushed.
 *
 * Why: the gateway publishes the stamped master (stream `change`, or a pull)
 * as soon as it stored it, often BEFORE the push answer arrives. RxDB's
 * downstream skips a master while the local document still has an unpushed
 * write, yet moves its checkpoint past it; the stamp would then be lost until
 * the document changes at the gateway again, and the app would show 待发送
 * forever. So after every push that wrote something, pull again from the
 * checkpoint held when the push started, and hand the result to RxDB as a
 * stream batch carrying the newest checkpoint seen (never moving it back).
 * Pulls are idempotent: documents seen twice are equal and ignored. A pull
 * that fails (the link dropped right after the push) is tried again with the
 * device's backoff until it succeeds, the error is fatal or `stop()` is called.
 */
export class StampRepull<T> {
  private latest: Checkpoint | undefined;
  private stopped = false;
  private readonly waits = new Map<ReturnType<typeof setTimeout>, () => void>();
  private readonly batches = new Subject<StreamItem<T>>();
  readonly batches$: Observable<StreamItem<T>> = this.batches.asObservable();

  constructor(private readonly options: StampRepullOptions) {}

  /** Notes the checkpoint RxDB moved to (after a pull or a stream batch). */
  noteCheckpoint(checkpoint: Checkpoint | undefined): void {
    if (checkpoint) this.latest = checkpoint;
  }

  /** The checkpoint to re-pull from once a push that starts now has written. */
  mark(): Checkpoint | undefined {
    return this.latest;
  }

  /** Re-pulls from `from` once RxDB recorded the push; retried until it got through. */
  async repull(from: Checkpoint | undefined): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt += 1) {
      try {
        await this.options.pushRecorded?.();
        if (this.stopped) return;
        await this.pullAndEmit(from);
        return;
      } catch (error) {
        this.options.onError(error);
        if (isFatal(error)) return;
        await this.wait(retryDelay(attempt, this.options.backoff));
      }
    }
  }

  /** Ends pending retries: the replication stopped. */
  stop(): void {
    this.stopped = true;
    for (const [timer, resolve] of this.waits) {
      clearTimeout(timer);
      resolve();
    }
    this.waits.clear();
    this.batches.complete();
  }

  private async pullAndEmit(from: Checkpoint | undefined): Promise<void> {
    const { client, collection, batchSize } = this.options;
    const documents: unknown[] = [];
    let since = from;
    for (;;) {
      const page = await client.pull<T>(collection, since, batchSize);
      documents.push(...page.documents);
      since = page.checkpoint;
      if (page.documents.length < batchSize) break;
    }
    if (documents.length === 0 || this.stopped) return;
    this.batches.next({ documents: documents as never, checkpoint: this.latest ?? since! });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waits.delete(timer);
        resolve();
      }, ms);
      this.waits.set(timer, resolve);
    });
  }
}

/** An error no retry fixes (outdated app, signed out): the coordinator stops the replication. */
function isFatal(error: unknown): boolean {
  return error instanceof GatewayError && error.isFatal;
}
