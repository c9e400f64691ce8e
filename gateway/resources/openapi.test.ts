import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changesRequestSchema, materialsHaveRequestSchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pushRequestSchema, sessionRequestSchema } from '../../sync-protocol/index.js';
import { createImportLock } from '../commands/import-lock.js';
import type { AppDeps } from '../http/app-state.js';
import { createApp, listMountedRoutes } from '../http/create-app.js';
import { createSilentLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import { createValidators } from '../validators.js';
import { buildOpenApiDocument } from './openapi.js';

interface Operation {
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  parameters: { name: string; in: string }[];
}
type Paths = Record<string, Record<string, Operation>>;

const routes = listMountedRoutes({} as AppDeps);
const paths = buildOpenApiDocument(routes).paths as Paths;

/** `METHOD /path` of every operation in the document, back in Koa's `:param` form. */
function documentedRoutes(): string[] {
  return Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`));
}

describe('the OpenAPI document', () => {
  it('should document every mounted route, and only mounted routes', () => {
    const mounted = routes.map((r) => `${r.method} ${r.path}`);
    expect(documentedRoutes().sort()).toEqual([...new Set(mounted)].sort());
    expect(mounted).toContain('GET /v1/openapi.json');
  });

  it('should give each body a route validates the shared schema it is checked with', () => {
    const bodyOf = (method: string, path: string) => paths[path][method].requestBody?.content['application/json'].schema;
    expect(bodyOf('post', '/v1/session')).toBe(sessionRequestSchema);
    expect(bodyOf('post', '/v1/sync/changes')).toBe(changesRequestSchema);
    expect(bodyOf('post', '/v1/sync/{collection}/push')).toBe(pushRequestSchema);
    expect(bodyOf('post', '/v1/materials/have')).toBe(materialsHaveRequestSchema);
    expect(bodyOf('get', '/v1/me')).toBeUndefined();
  });

  it('should name the path parameters of a route', () => {
    expect(paths['/v1/sync/{collection}/pull'].get.parameters).toEqual([expect.objectContaining({ name: 'collection', in: 'path' })]);
  });

  describe('served by the gateway', () => {
    const uploadsDir = mkdtempSync(join(tmpdir(), 'tongban-openapi-'));
    let server: Server | undefined;
    afterAll(() => {
      server?.close();
      rmSync(uploadsDir, { recursive: true, force: true });
    });

    it('should answer GET /v1/openapi.json with the document, touching no store', async () => {
      const store = { isReachable: async () => true } as unknown as Store;
      const app = createApp({
        store,
        logger: createSilentLogger(),
        clock: { now: () => new Date() },
        validators: createValidators(),
        config: { sessionTtlMs: 1000, streamPingMs: 1000, uploadsDir },
        importLock: createImportLock(),
      });
      server = createServer(app.callback());
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/openapi.json`, { headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Paths };
      expect(document.openapi).toBe('3.1.0');
      expect(Object.keys(document.paths)).toEqual(Object.keys(paths));
    });
  });
});
