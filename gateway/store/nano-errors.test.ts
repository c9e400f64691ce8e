import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeError } from '../logger.js';
import { guardCouch } from './couch-errors.js';

const PASSWORD = 'Zx9-very-secret-pw';

/** Everything an error carries, own fields and causes included, as a log line or a careless JSON.stringify would show it. */
function everything(error: unknown): string {
  const seen = new Set<unknown>();
  return JSON.stringify(error, function (this: unknown, _key, value: unknown) {
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[seen]';
      seen.add(value);
      if (value instanceof Error) return { ...Object.fromEntries(Object.getOwnPropertyNames(value).map((name) => [name, (value as never)[name]])), cause: (value as Error).cause };
    }
    return value;
  });
}

describe('errors of nano calls made with credentials in the URL', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', reason: 'missing' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('should carry no password when CouchDB answers an error', async () => {
    const couch = nano(`http://tongban-admin:${PASSWORD}@127.0.0.1:${port}`);
    const error = await guardCouch(() => couch.use('tb_accounts').get('some-id')).catch((e: unknown) => e);
    expect((error as { statusCode?: number }).statusCode).toBe(404);
    expect(everything(error)).not.toContain(PASSWORD);
    expect(JSON.stringify(serializeError(error))).not.toContain(PASSWORD);
  });

  it('should carry no password when CouchDB cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const couch = nano(`http://tongban-admin:${PASSWORD}@127.0.0.1:${closedPort}`);
    const error = await guardCouch(() => couch.use('tb_accounts').get('some-id')).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('STORE_UNAVAILABLE');
    expect(everything(error)).not.toContain(PASSWORD);
    expect(JSON.stringify(serializeError(error))).not.toContain(PASSWORD);
  });
});
