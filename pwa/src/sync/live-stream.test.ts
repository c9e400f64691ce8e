import { firstValueFrom, Subject, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { encodeStreamEvent, toProblemBody, type StreamEvent } from '../../../sync-protocol/index.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import { createLiveStream$ } from './live-stream.js';

type Doc = { id: string };

/** A body that sends the given events and then ends (a dropped connection). */
function bodyOf(events: StreamEvent<Doc>[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(events.map(encodeStreamEvent).join(''));
  return new ReadableStream({
    start(controller) {
      // Cut in two anywhere: frames must survive arbitrary chunking.
      controller.enqueue(bytes.slice(0, 7));
      controller.enqueue(bytes.slice(7));
      controller.close();
    },
  });
}

function fakeClient(open: (attempt: number) => Promise<ReadableStream<Uint8Array>>) {
  let attempts = 0;
  const client = { openStream: () => open(attempts++) } as unknown as GatewayClient;
  return { client, attempts: () => attempts };
}

const change: StreamEvent<Doc> = { type: 'change', documents: [{ id: 'a1234567', _deleted: false }], checkpoint: { seq: '9' } };
const immediate = (fn: () => void) => setTimeout(fn, 0);

describe('live stream', () => {
  it('should turn resync into RESYNC and change into a batch, skipping pings', async () => {
    const { client } = fakeClient(async () => bodyOf([{ type: 'resync' }, { type: 'ping' }, change]));
    const items = await firstValueFrom(createLiveStream$<Doc>({ client, collection: 'guides', setTimeout: immediate }).pipe(take(2), toArray()));
    expect(items).toEqual(['RESYNC', { documents: change.documents, checkpoint: { seq: '9' } }]);
  });

  it('should reconnect after a drop, with backoff, and resync again', async () => {
    const { client, attempts } = fakeClient(async (n) => {
      if (n === 1) throw new GatewayError('offline', 0, toProblemBody('STORE_UNAVAILABLE'));
      return bodyOf([{ type: 'resync' }]);
    });
    const waits: number[] = [];
    const items = await firstValueFrom(
      createLiveStream$<Doc>({
        client,
        collection: 'guides',
        backoff: { baseMs: 100, random: () => 0 },
        idleTimeoutMs: 60_000,
        setTimeout: (fn, ms) => {
          if (ms !== 60_000) waits.push(ms);
          return setTimeout(fn, 0);
        },
      }).pipe(take(2), toArray()),
    );
    expect(items).toEqual(['RESYNC', 'RESYNC']);
    expect(attempts()).toBe(3);
    // After the first connection worked, the drop waits the base; the failed attempt doubles it.
    expect(waits).toEqual([50, 100]);
  });

  it('should stop for good on a fatal error', async () => {
    const errors: unknown[] = [];
    const { client, attempts } = fakeClient(async () => {
      throw new GatewayError('needs-update', 426, toProblemBody('PROTOCOL_VERSION_UNSUPPORTED'));
    });
    const items = await firstValueFrom(createLiveStream$<Doc>({ client, collection: 'guides', setTimeout: immediate, onError: (e) => errors.push(e) }).pipe(toArray()));
    expect(items).toEqual([]);
    expect(attempts()).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('should reconnect at once when woken up', async () => {
    const wakeUp$ = new Subject<void>();
    const { client, attempts } = fakeClient(async () => bodyOf([{ type: 'resync' }]));
    const items: unknown[] = [];
    const sub = createLiveStream$<Doc>({
      client,
      collection: 'guides',
      wakeUp$,
      idleTimeoutMs: 60_000,
      setTimeout: (fn, ms) => setTimeout(fn, ms === 60_000 ? 60_000 : 3_600_000),
    }).subscribe((item) => items.push(item));
    await new Promise((r) => setTimeout(r, 20));
    expect(attempts()).toBe(1);
    wakeUp$.next();
    await new Promise((r) => setTimeout(r, 20));
    expect(attempts()).toBe(2);
    expect(items).toEqual(['RESYNC', 'RESYNC']);
    sub.unsubscribe();
  });
});
