import { createServer, type Server } from 'node:http';
import { PassThrough } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import { createImportLock } from '../commands/import-lock.js';
import { createLogger, createSilentLogger, type Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { createValidators } from '../validators.js';
import { createApp } from './create-app.js';

/** A store that fails the test if anything touches it, except the reachability probe. */
function untouchableStore(reachable: boolean): { store: Store; touched: string[] } {
  const touched: string[] = [];
  const trap = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, key) => () => {
          touched.push(`${name}.${String(key)}`);
          throw new Error('store touched');
        },
      },
    );
  const store = {
    documents: trap('documents'),
    registry: trap('registry'),
    accounts: trap('accounts'),
    sessions: trap('sessions'),
    isReachable: async () => reachable,
  } as unknown as Store;
  return { store, touched };
}

describe('createApp', () => {
  let server: Server | undefined;
  const uploadsDir = mkdtempSync(join(tmpdir(), 'tongban-app-uploads-'));

  afterEach(() => {
    server?.close();
  });

  afterAll(() => rmSync(uploadsDir, { recursive: true, force: true }));

  async function serve(store: Store, logger: Logger = createSilentLogger()): Promise<string> {
    const app = createApp({
      store,
      logger,
      clock: { now: () => new Date() },
      validators: createValidators(),
      config: { sessionTtlMs: 1000, streamPingMs: 1000, uploadsDir },
      importLock: createImportLock(),
    });
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('should answer /health with 503 STORE_UNAVAILABLE when the store does not answer', async () => {
    const url = await serve(untouchableStore(false).store);
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it('should refuse a wrong protocol version without touching the store', async () => {
    const { store, touched } = untouchableStore(true);
    const url = await serve(store);
    const response = await fetch(`${url}/v1/sync/applications/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(43)}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION + 1) },
      body: JSON.stringify({ rows: [] }),
    });
    expect(response.status).toBe(426);
    expect(touched).toEqual([]);
  });

  it('should not echo a path a client sent, which may hold a token, in a 404', async () => {
    const url = await serve(untouchableStore(true).store);
    const token = 'Zq7vN2xK9pL4mR8sT1wY6bC3dF5gH0jA2eU7iO9kM4n';
    for (const path of [`/v1/session/${token}`, `/v1/${token}`, `/${token}`]) {
      const response = await fetch(`${url}${path}`, { headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain(token.slice(0, 12));
    }
  });

  it('should not write the path of a request nobody serves, which may hold a token, to its log', async () => {
    const lines: string[] = [];
    const destination = new PassThrough();
    destination.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const url = await serve(untouchableStore(true).store, createLogger({ level: 'info', destination }));
    const token = 'Zq7vN2xK9pL4mR8sT1wY6bC3dF5gH0jA2eU7iO9kM4n';
    for (const path of [`/v1/session/${token}`, `/${token}`]) {
      expect((await fetch(`${url}${path}`, { headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } })).status).toBe(404);
    }
    await expect.poll(() => lines.join('').split('"msg":"request"').length - 1).toBe(2);
    expect(lines.join('')).not.toContain(token.slice(0, 12));
  });

  it('should turn a store failure into 500 INTERNAL without details', async () => {
    const url = await serve(untouchableStore(true).store);
    const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${'a'.repeat(43)}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toContain('store touched');
  });
});
