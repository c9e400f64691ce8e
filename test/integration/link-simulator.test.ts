import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResetPlan } from '../support/link-model.js';
import { startLinkSimulator, type LinkSimulator } from '../support/link-simulator.js';

describe('the link simulator', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function startSink(): Promise<{ port: number; received: () => number }> {
    let received = 0;
    const server = net.createServer((socket) => socket.on('data', (data) => (received += data.length)).on('error', () => undefined));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    return { port: (server.address() as net.AddressInfo).port, received: () => received };
  }

  async function track(link: Promise<LinkSimulator>): Promise<LinkSimulator> {
    const started = await link;
    closers.push(() => started.close());
    return started;
  }

  /** Sends `total` bytes up one connection; resolves with how the connection ended. */
  function sendUp(port: number, total: number): Promise<'reset' | 'ended'> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(Buffer.alloc(total, 7)));
      socket.on('error', () => resolve('reset')).on('close', (hadError) => resolve(hadError ? 'reset' : 'ended'));
      socket.resume();
    });
  }

  it('should reset at the byte offsets its seed draws, and carry exactly the bytes before them', async () => {
    const sink = await startSink();
    const profile = { name: 'test', resets: { kind: 'memoryless', meanBytes: 20_000 } } as const;
    const link = await track(startLinkSimulator({ targetPort: sink.port, profile, seed: 5 }));
    const plan = new ResetPlan(profile.resets, 5);
    const first = plan.nextResetAt;
    const second = plan.advance();

    expect(await sendUp(link.port, first + 5_000)).toBe('reset');
    expect(link.connections[0]).toMatchObject({ reset: true, bytes: { upstream: first, downstream: 0 } });
    expect(await sendUp(link.port, second + 5_000)).toBe('reset');
    expect(link.connections[1].bytes.upstream).toBe(second - first);
    expect(link.resets).toBe(2);
    await waitFor(() => sink.received() === second);
  });

  it('should reset a connection after the bytes cutFor gives it', async () => {
    const sink = await startSink();
    const link = await track(startLinkSimulator({ targetPort: sink.port, cutFor: (index) => (index === 1 ? { direction: 'upstream', afterBytes: 1234 } : null) }));
    expect(await sendUp(link.port, 5_000)).toBe('ended');
    expect(await sendUp(link.port, 5_000)).toBe('reset');
    expect(link.connections.map((c) => c.bytes.upstream)).toEqual([5_000, 1234]);
  });

  it('should count HTTP requests, also several on one keep-alive connection', async () => {
    const server = http.createServer((req, res) => req.resume().on('end', () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const link = await track(
      startLinkSimulator({ targetPort: (server.address() as net.AddressInfo).port, profile: { name: 'slow', oneWayDelayMs: 5, bitsPerSecond: 10_000_000 } }),
    );
    for (let i = 0; i < 3; i += 1) await (await fetch(`${link.url}/get`)).text();
    await (await fetch(`${link.url}/post`, { method: 'POST', body: 'x'.repeat(10_000) })).text();
    expect(link.requests).toBe(4);
    expect(link.bytes.upstream).toBeGreaterThan(10_000);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('condition not met in time');
    },
    { timeout: timeoutMs, interval: 10 },
  );
}
