import { Observable, type Subscriber } from 'rxjs';
import type { RxReplicationPullStreamItem } from 'rxdb';
import { createStreamParser, STREAM_PING_SECONDS, type Checkpoint, type CollectionName } from '../../../sync-protocol/index.js';
import { retryDelay, type BackoffOptions } from '../../../device-core/retry/retry.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';

/** Twice the ping interval without a byte means the connection is dead (see sse.ts). */
export const STREAM_IDLE_TIMEOUT_MS = 2 * STREAM_PING_SECONDS * 1_000;

export type StreamItem<T> = RxReplicationPullStreamItem<T, Checkpoint>;

export interface LiveStreamOptions {
  client: GatewayClient;
  collection: CollectionName;
  backoff?: BackoffOptions;
  idleTimeoutMs?: number;
  /** Emits when reconnecting now is worth it (the browser's `online` event). */
  wakeUp$?: Observable<unknown>;
  /** Called once the stream connected (the gateway is reachable). */
  onConnected?: () => void;
  /** Called with each failure; a fatal one (426, 401) ends the stream for good. */
  onError?: (error: unknown) => void;
  /** Timers, injectable for tests. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * The gateway's live stream as RxDB's `pull.stream$`: `resync` becomes
 * 'RESYNC' (RxDB then pulls from its checkpoint), `change` a batch with its
 * checkpoint; pings only keep the idle timer alive. Read with fetch and a
 * ReadableStream, because EventSource cannot send the Authorization header.
 * When the connection drops it reconnects with backoff; the gateway sends
 * `resync` first on every connection, so nothing missed in between is lost.
 */
export function createLiveStream$<T>(options: LiveStreamOptions): Observable<StreamItem<T>> {
  return new Observable<StreamItem<T>>((subscriber) => {
    const loop = new StreamLoop<T>(options, subscriber);
    void loop.run();
    return () => loop.stop();
  });
}

/** One subscription's connect → read → wait → reconnect cycle. */
class StreamLoop<T> {
  private stopped = false;
  private attempt = 0;
  private controller: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly wakeSub;
  private readonly set: NonNullable<LiveStreamOptions['setTimeout']>;
  private readonly clear: NonNullable<LiveStreamOptions['clearTimeout']>;

  constructor(
    private readonly options: LiveStreamOptions,
    private readonly subscriber: Subscriber<StreamItem<T>>,
  ) {
    this.set = options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.clear = options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));
    this.wakeSub = options.wakeUp$?.subscribe(() => this.wakeUp?.());
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wakeUp?.();
    this.wakeSub?.unsubscribe();
  }

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.readOnce();
      } catch (error) {
        if (this.stopped) return;
        this.options.onError?.(error);
        if (error instanceof GatewayError && error.isFatal) {
          this.subscriber.complete();
          return;
        }
      }
      if (this.stopped) return;
      await this.wait(retryDelay(this.attempt++, this.options.backoff));
    }
  }

  /** Connects and forwards events until the connection ends. */
  private async readOnce(): Promise<void> {
    const controller = (this.controller = new AbortController());
    const idleMs = this.options.idleTimeoutMs ?? STREAM_IDLE_TIMEOUT_MS;
    let idleTimer = this.set(() => controller.abort(), idleMs);
    try {
      const body = await this.options.client.openStream(this.options.collection, controller.signal);
      this.options.onConnected?.();
      const reader = body.getReader();
      const decoder = new TextDecoder();
      const parse = createStreamParser<T>();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.clear(idleTimer);
        idleTimer = this.set(() => controller.abort(), idleMs);
        for (const event of parse(decoder.decode(value, { stream: true }))) {
          // A working connection: the next drop starts backing off from the beginning.
          this.attempt = 0;
          if (event.type === 'resync') this.subscriber.next('RESYNC');
          else if (event.type === 'change') this.subscriber.next({ documents: event.documents, checkpoint: event.checkpoint });
        }
      }
    } finally {
      this.clear(idleTimer);
      controller.abort();
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.set(done, ms);
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- done() is hoisted: set() needs it before it exists, and it needs the handle set() returns.
      const self = this;
      function done() {
        self.clear(handle);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
