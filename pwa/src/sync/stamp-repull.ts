import { Subject, type Observable } from 'rxjs';
import type { Checkpoint, CollectionName } from '../../../sync-protocol/index.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import type { StreamItem } from './live-stream.js';

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
 * Pulls are idempotent: documents seen twice are equal and ignored.
 */
export class StampRepull<T> {
  private latest: Checkpoint | undefined;
  private readonly batches = new Subject<StreamItem<T>>();
  readonly batches$: Observable<StreamItem<T>> = this.batches.asObservable();

  constructor(
    private readonly client: GatewayClient,
    private readonly collection: CollectionName,
    private readonly batchSize: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Notes the checkpoint RxDB moved to (after a pull or a stream batch). */
  noteCheckpoint(checkpoint: Checkpoint | undefined): void {
    if (checkpoint) this.latest = checkpoint;
  }

  /** The checkpoint to re-pull from once a push that starts now has written. */
  mark(): Checkpoint | undefined {
    return this.latest;
  }

  /** Pulls everything after `from` and emits it as one batch. Failures only delay the stamp. */
  async repull(from: Checkpoint | undefined): Promise<void> {
    try {
      const documents: unknown[] = [];
      let since = from;
      for (;;) {
        const page = await this.client.pull<T>(this.collection, since, this.batchSize);
        documents.push(...page.documents);
        since = page.checkpoint;
        if (page.documents.length < this.batchSize) break;
      }
      if (documents.length === 0) return;
      this.batches.next({ documents: documents as never, checkpoint: this.latest ?? since! });
    } catch (error) {
      this.onError(error);
    }
  }
}
