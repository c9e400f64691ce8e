import net from 'node:net';

/** Which way bytes flow through the proxy. */
export type Direction = 'upstream' | 'downstream';

export interface FlakyProxyOptions {
  /** Where connections are forwarded, e.g. the gateway's port on 127.0.0.1. */
  targetPort: number;
  targetHost?: string;
  /**
   * Decides, per accepted connection, after how many bytes in which direction
   * the connection is reset. `null`: leave it alone.
   */
  cutFor: (connectionIndex: number) => { direction: Direction; afterBytes: number } | null;
}

export interface FlakyProxy {
  port: number;
  url: string;
  /** Connections reset so far. */
  readonly resets: number;
  /** Bytes forwarded so far in each direction, over all connections. */
  readonly bytes: Readonly<Record<Direction, number>>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that resets connections after a chosen number of
 * bytes: the request or the answer dies at exactly that byte, as on a rural
 * link that drops. Deterministic: the cut points come from `cutFor`.
 */
export async function startFlakyProxy(options: FlakyProxyOptions): Promise<FlakyProxy> {
  let connections = 0;
  let resets = 0;
  const totals: Record<Direction, number> = { upstream: 0, downstream: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const cut = options.cutFor(connections++);
    const upstream = net.connect(options.targetPort, options.targetHost ?? '127.0.0.1');
    sockets.add(client).add(upstream);
    const counted = { upstream: 0, downstream: 0 };
    const resetBoth = () => {
      resets += 1;
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    const forward = (from: net.Socket, to: net.Socket, direction: Direction) => {
      from.on('data', (chunk: Buffer) => {
        if (cut && cut.direction === direction) {
          const room = cut.afterBytes - counted[direction];
          if (room <= 0) return;
          if (chunk.length >= room) {
            to.write(chunk.subarray(0, room), () => resetBoth());
            counted[direction] += room;
            totals[direction] += room;
            return;
          }
        }
        counted[direction] += chunk.length;
        totals[direction] += chunk.length;
        to.write(chunk);
      });
    };
    forward(client, upstream, 'upstream');
    forward(upstream, client, 'downstream');
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get resets() {
      return resets;
    },
    get bytes() {
      return { ...totals };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
