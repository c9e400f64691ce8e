import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Served at /fixtures/<name> as application/octet-stream: the pipeline must not trust types. */
  fixtures: Map<string, Uint8Array>;
  close(): Promise<void>;
}

/** A tiny static server on 127.0.0.1 (a secure context, so WebCrypto works) for a built page and fixtures. */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const fixtures = new Map<string, Uint8Array>();
  const server = http.createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const fixture = pathname.startsWith('/fixtures/') ? fixtures.get(pathname.slice('/fixtures/'.length)) : undefined;
    if (fixture) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fixture);
      return;
    }
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fixtures,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
