// The modules, not the index: the service worker uses this client, and the index brings ajv along.
import { CHANGES_PATH, type ChangesResponse, type FeedCheckpoint } from '../../sync-protocol/changes.js';
import { encodeCheckpoint, type Checkpoint } from '../../sync-protocol/checkpoint.js';
import type { CollectionName } from '../../sync-protocol/schemas/index.js';
import type { PullResponse, PushResponse, PushRow, SessionResponse } from '../../sync-protocol/messages.js';
import { API_PREFIX, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/version.js';
import { gzipText, MIN_COMPRESSED_BODY_BYTES } from './compress-body.js';
import { errorFromResponse, GatewayError, offlineError } from './gateway-error.js';

export interface GatewayClientOptions {
  /** Origin of the gateway, e.g. `http://localhost:8080`; `''` for the page's own origin. */
  baseUrl: string;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Current bearer token, read on every request (the session may change). */
  getToken?: () => string | null | undefined;
  /**
   * Called with the gateway's clock (the HTTP Date header) of every answer:
   * the app corrects "3 天前更新" with it when the phone's clock is wrong.
   */
  onServerDate?: (serverNow: Date) => void;
  /**
   * Gzip push bodies (`Content-Encoding: gzip`) where the platform has
   * CompressionStream; default true. A gateway that answers 415
   * UNSUPPORTED_CONTENT_ENCODING gets the same body plain.
   */
  compressBodies?: boolean;
}

/** The gateway's HTTP API, as the device uses it. Throws GatewayError on failure. */
export interface GatewayClient {
  readonly baseUrl: string;
  /** The same gateway without a token, for public collections: an expired session must not stop guides. */
  anonymous(): GatewayClient;
  signIn(login: string, password: string): Promise<SessionResponse>;
  /** Pulls a page; `area` names the feed of a collection partitioned by area (guides). */
  pull<T>(collection: CollectionName, checkpoint: Checkpoint | undefined, limit: number, area?: string): Promise<PullResponse<T>>;
  push<T>(collection: CollectionName, rows: PushRow<T>[]): Promise<PushResponse<T>>;
  /** Which of these feeds have changes after their checkpoints: one request for all of them. */
  changes(feeds: FeedCheckpoint[]): Promise<ChangesResponse>;
  /** Opens the live stream; resolves once the response headers arrived with 2xx. */
  openStream(collection: CollectionName, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}

/** Creates a client for one gateway. */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    const token = options.getToken?.();
    if (token) headers.set('authorization', `Bearer ${token}`);
    let response: Response;
    try {
      // no-store: data lives in IndexedDB; nothing from the API may sit in an HTTP cache.
      response = await doFetch(`${baseUrl}${API_PREFIX}${path}`, { cache: 'no-store', ...init, headers });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw offlineError(cause);
    }
    const date = response.headers.get('date');
    if (date && options.onServerDate && !Number.isNaN(Date.parse(date))) options.onServerDate(new Date(date));
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  const json = (path: string, body: unknown) => request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** A JSON POST whose body is gzipped when that is worth it. */
  async function compressedJson(path: string, body: unknown): Promise<Response> {
    const text = JSON.stringify(body);
    const gzipped = options.compressBodies !== false && text.length >= MIN_COMPRESSED_BODY_BYTES ? await gzipText(text) : null;
    if (!gzipped) return json(path, body);
    try {
      return await request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipped });
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'UNSUPPORTED_CONTENT_ENCODING') return json(path, body);
      throw error;
    }
  }

  return {
    baseUrl,
    anonymous: () => createGatewayClient({ ...options, getToken: undefined }),
    async signIn(login, password) {
      return (await json('/session', { login, password })).json();
    },
    async pull(collection, checkpoint, limit, area) {
      const query = new URLSearchParams({ since: encodeCheckpoint(checkpoint), limit: String(limit) });
      if (area) query.set('area', area);
      return (await request(`/sync/${collection}/pull?${query}`)).json();
    },
    async push(collection, rows) {
      return (await compressedJson(`/sync/${collection}/push`, { rows })).json();
    },
    async changes(feeds) {
      return (await json(CHANGES_PATH, { feeds })).json();
    },
    async openStream(collection, signal) {
      const response = await request(`/sync/${collection}/stream`, { signal, headers: { accept: 'text/event-stream' } });
      if (!response.body) throw offlineError(new Error('stream without body'));
      return response.body;
    },
  };
}
