/**
 * A TCP proxy on loopback that behaves like a poor mobile link, for tests and
 * benchmarks: bandwidth per direction, latency, and connection resets — after
 * a chosen number of bytes on chosen connections, or at random byte offsets
 * drawn from a seed (the same traffic and seed reset at the same bytes). It
 * counts the bytes it carried per direction and per connection, the
 * connections, and the HTTP requests in them (keep-alive aware).
 *
 * ```ts
 * const link = await startLinkSimulator({ targetPort: gateway.port, profile: '2g', seed: 7, timeScale: 20 });
 * await fetch(`${link.url}/health`);
 * link.bytes.upstream; link.resets; link.requests; link.connections[0].bytes;
 * await link.close();
 * ```
 */
import net from 'node:net';
import { HttpRequestCounter } from './http-request-counter.js';
import { LINK_PROFILES, LinkDirection, ResetPlan, type LinkProfile, type LinkProfileName } from './link-model.js';

/** Which way bytes flow: upstream is from the device to the gateway. */
export type Direction = 'upstream' | 'downstream';

export interface LinkSimulatorOptions {
  /** Where connections are forwarded, e.g. the gateway's port on 127.0.0.1. */
  targetPort: number;
  targetHost?: string;
  /** A profile name or figures; default `clean`. */
  profile?: LinkProfileName | LinkProfile;
  /** Seed of the random resets (profiles with `resets`); default 1. */
  seed?: number;
  /** Divides the profile's transfer times and delays (20: a 2G link 20 times faster, same shape); default 1. */
  timeScale?: number;
  /**
   * Decides, per accepted connection, after how many bytes in which direction
   * it is reset. `null`: leave it to the profile.
   */
  cutFor?: (connectionIndex: number) => { direction: Direction; afterBytes: number } | null;
}

/** What one connection carried. */
export interface ConnectionStats {
  index: number;
  bytes: Record<Direction, number>;
  requests: number;
  reset: boolean;
}

export interface LinkSimulator {
  port: number;
  url: string;
  readonly profile: LinkProfile;
  /** Connections reset so far (by `cutFor` or at random). */
  readonly resets: number;
  /** Bytes delivered across the link so far in each direction, over all connections. */
  readonly bytes: Readonly<Record<Direction, number>>;
  /** HTTP requests whose head crossed the link, over all connections. */
  readonly requests: number;
  readonly connections: readonly ConnectionStats[];
  close(): Promise<void>;
}

/** Bytes queued in one direction of a connection before the proxy stops reading from the sender (TCP's back-pressure). */
const HIGH_WATER_BYTES = 16 * 1024;

interface Queued {
  chunk: Buffer;
  deliverAt: number;
  /** Reset the connection once this chunk is delivered. */
  thenReset: boolean;
}

interface LinkState {
  readonly profile: LinkProfile;
  readonly directions: Record<Direction, LinkDirection>;
  readonly resetPlan: ResetPlan | null;
  /** Bytes handed to the link, both directions, all connections: the offsets of random resets. */
  linkBytes: number;
  resets: number;
  readonly totals: Record<Direction, number>;
  readonly connections: ConnectionStats[];
  readonly sockets: Set<net.Socket>;
}

/** Starts the simulator on a random port of 127.0.0.1. */
export async function startLinkSimulator(options: LinkSimulatorOptions): Promise<LinkSimulator> {
  const profile: LinkProfile = typeof options.profile === 'object' ? options.profile : LINK_PROFILES[options.profile ?? 'clean'];
  const timeScale = options.timeScale ?? 1;
  const state: LinkState = {
    profile,
    directions: { upstream: new LinkDirection(profile, timeScale), downstream: new LinkDirection(profile, timeScale) },
    resetPlan: profile.resets ? new ResetPlan(profile.resets, options.seed ?? 1) : null,
    linkBytes: 0,
    resets: 0,
    totals: { upstream: 0, downstream: 0 },
    connections: [],
    sockets: new Set(),
  };
  const server = net.createServer((client) => connect(state, options, client));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    profile,
    get resets() {
      return state.resets;
    },
    get bytes() {
      return { ...state.totals };
    },
    get requests() {
      return state.connections.reduce((sum, c) => sum + c.requests, 0);
    },
    get connections() {
      return state.connections.map((c) => ({ ...c, bytes: { ...c.bytes } }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of state.sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Wires one accepted connection to the target through both directions of the link. */
function connect(state: LinkState, options: LinkSimulatorOptions, client: net.Socket): void {
  const stats: ConnectionStats = { index: state.connections.length, bytes: { upstream: 0, downstream: 0 }, requests: 0, reset: false };
  state.connections.push(stats);
  const cut = options.cutFor?.(stats.index) ?? null;
  const target = net.connect(options.targetPort, options.targetHost ?? '127.0.0.1');
  client.setNoDelay(true);
  target.setNoDelay(true);
  state.sockets.add(client).add(target);
  const counter = new HttpRequestCounter();
  const handedIn: Record<Direction, number> = { upstream: 0, downstream: 0 };
  /** Dying: nothing more is read, the last piece is on its way. Closed: nothing more is delivered. */
  let dying = false;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();

  const end = () => {
    closed = true;
    for (const timer of timers) clearTimeout(timer);
    client.destroy();
    target.destroy();
    state.sockets.delete(client);
    state.sockets.delete(target);
  };
  const reset = () => {
    if (stats.reset) return;
    stats.reset = true;
    state.resets += 1;
    client.resetAndDestroy();
    target.resetAndDestroy();
    end();
  };

  const pipe = (from: net.Socket, to: net.Socket, direction: Direction) => {
    const link = state.directions[direction];
    const queue: Queued[] = [];
    let queuedBytes = 0;
    let timer: NodeJS.Timeout | null = null;

    const deliver = (item: Queued) => {
      stats.bytes[direction] += item.chunk.length;
      state.totals[direction] += item.chunk.length;
      if (item.thenReset) to.write(item.chunk, reset);
      else to.write(item.chunk);
    };
    const drain = () => {
      timer = null;
      const now = performance.now();
      while (queue.length > 0 && queue[0].deliverAt <= now && !closed) {
        const item = queue.shift()!;
        queuedBytes -= item.chunk.length;
        deliver(item);
      }
      if (queuedBytes < HIGH_WATER_BYTES && !dying && !closed) from.resume();
      if (queue.length > 0 && !closed) arm();
    };
    const arm = () => {
      if (timer) return;
      timer = setTimeout(
        () => {
          timers.delete(timer!);
          drain();
        },
        Math.max(0, queue[0].deliverAt - performance.now()),
      );
      timers.add(timer);
    };

    from.on('data', (data: Buffer) => {
      if (dying || closed) return;
      const { chunk, thenReset } = cutChunk(state, handedIn, cut, direction, data);
      if (chunk.length === 0 && !thenReset) return;
      if (direction === 'upstream') {
        counter.feed(chunk);
        stats.requests = counter.count;
      }
      const item: Queued = { chunk, deliverAt: link.isInstant ? 0 : link.schedule(performance.now(), chunk.length), thenReset };
      if (thenReset) {
        // Nothing more is read on this connection: the link dies after this piece.
        dying = true;
        client.pause();
        target.pause();
      }
      if (link.isInstant && queue.length === 0) {
        deliver(item);
        return;
      }
      queue.push(item);
      queuedBytes += chunk.length;
      if (queuedBytes >= HIGH_WATER_BYTES) from.pause();
      arm();
    });
  };
  pipe(client, target, 'upstream');
  pipe(target, client, 'downstream');
  client.on('close', end).on('error', end);
  target.on('close', end).on('error', end);
}

/**
 * The part of `data` that crosses the link before it dies, if it dies in
 * `data`: at the connection's `cutFor` byte or at the next random reset,
 * whichever comes first. Advances the link's byte count and reset plan.
 */
function cutChunk(
  state: LinkState,
  handedIn: Record<Direction, number>,
  cut: { direction: Direction; afterBytes: number } | null,
  direction: Direction,
  data: Buffer,
): { chunk: Buffer; thenReset: boolean } {
  let room = Infinity;
  if (cut && cut.direction === direction) room = cut.afterBytes - handedIn[direction];
  if (state.resetPlan) room = Math.min(room, state.resetPlan.nextResetAt - state.linkBytes);
  const take = Math.max(0, Math.min(room, data.length));
  const dies = room <= data.length;
  if (dies && state.resetPlan && state.resetPlan.nextResetAt - state.linkBytes === room) state.resetPlan.advance();
  state.linkBytes += take;
  handedIn[direction] += take;
  return { chunk: take === data.length ? data : data.subarray(0, take), thenReset: dies };
}
