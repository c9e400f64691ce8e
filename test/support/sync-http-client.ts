import {
  createStreamParser,
  type ChangesResponse,
  type FeedCheckpoint,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type Checkpoint,
  type CollectionName,
  type ProblemBody,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type StreamEvent,
} from '../../sync-protocol/index.js';
import type { WireDoc } from './sample-documents.js';

/** An HTTP answer: status and parsed JSON body. */
export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export type ProblemAnswer = Answer<ProblemBody>;

/** A live stream being read; events accumulate in `events`. */
export interface OpenStream {
  events: StreamEvent<WireDoc>[];
  /** Resolves with the first event (in order, from the start) matching `predicate`, or rejects after `timeoutMs`. */
  waitFor(predicate: (event: StreamEvent<WireDoc>) => boolean, timeoutMs?: number): Promise<StreamEvent<WireDoc>>;
  close(): void;
}

async function readJson<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

/** Attempts of `whenNotBusy` before it gives the busy answer back. */
const BUSY_ATTEMPTS = 30;

/**
 * Sends again, as a device does, while the gateway answers `503`/`429` with
 * `Retry-After` (its admission gate is full): waits what it asked plus a
 * random share of it, then answers the first other answer. For tests whose
 * subject is not the gate (those that test the gate read the 503 itself).
 */
export async function whenNotBusy<T>(send: () => Promise<Answer<T>>): Promise<Answer<T>> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    const retryAfter = answer.headers.get('retry-after');
    if ((answer.status !== 503 && answer.status !== 429) || retryAfter === null || attempt >= BUSY_ATTEMPTS) return answer;
    const askedMs = Number(retryAfter) * 1000;
    await new Promise((resolve) => setTimeout(resolve, askedMs + Math.random() * askedMs));
  }
}

/**
 * Reads a live stream's body (`text/event-stream`, the frames of
 * sync-protocol/sse.ts) as it arrives; `close` ends whatever produces it.
 * Shared by the HTTP client and the in-memory gateway's contract target.
 */
export function readEventStream(body: ReadableStream<Uint8Array>, close: () => void): OpenStream {
  const events: StreamEvent<WireDoc>[] = [];
  const waiters = new Set<() => void>();
  const parse = createStreamParser<WireDoc>();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        events.push(...parse(decoder.decode(value, { stream: true })));
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching stream event within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close,
  };
}

/** A small client of the gateway's sync protocol over HTTP, for tests. */
export function createSyncHttpClient(baseUrl: string, token?: string, extraHeaders: Record<string, string> = {}) {
  const headers = (): Record<string, string> => ({
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...extraHeaders,
  });

  return {
    /** `area` is required by collections partitioned by area (guides). */
    async pull(collection: CollectionName, checkpoint?: Checkpoint, limit?: number, area?: string): Promise<Answer<PullResponse<WireDoc>>> {
      const query = new URLSearchParams();
      if (checkpoint) query.set('since', checkpoint.seq);
      if (limit !== undefined) query.set('limit', String(limit));
      if (area !== undefined) query.set('area', area);
      return readJson(await fetch(`${baseUrl}/v1/sync/${collection}/pull?${query}`, { headers: headers() }));
    },

    async push(collection: CollectionName, rows: PushRow<WireDoc>[]): Promise<Answer<PushResponse<WireDoc>>> {
      return readJson(await fetch(`${baseUrl}/v1/sync/${collection}/push`, { method: 'POST', headers: headers(), body: JSON.stringify({ rows }) }));
    },

    async changes(feeds: FeedCheckpoint[]): Promise<Answer<ChangesResponse>> {
      return readJson(await fetch(`${baseUrl}/v1/sync/changes`, { method: 'POST', headers: headers(), body: JSON.stringify({ feeds }) }));
    },

    async openStream(collection: CollectionName, area?: string): Promise<OpenStream> {
      const controller = new AbortController();
      const query = area === undefined ? '' : `?${new URLSearchParams({ area })}`;
      const response = await fetch(`${baseUrl}/v1/sync/${collection}/stream${query}`, { headers: headers(), signal: controller.signal });
      if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
      return readEventStream(response.body, () => controller.abort());
    },
  };
}

export type SyncHttpClient = ReturnType<typeof createSyncHttpClient>;
