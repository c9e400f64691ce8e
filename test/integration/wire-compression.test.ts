import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../sync-protocol/index.js';
import { createUpload, headUpload, patchUpload, seededBytes, sha256Hex } from '../support/material-transfer.js';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/** A raw HTTP exchange: what went over the wire, undecoded. */
function exchange(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compressed bodies on the wire', () => {
  let gateway: TestGateway;
  let token: string;
  let headers: Record<string, string>;
  const pushUrl = () => `${gateway.url}/v1/sync/applications/push`;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    token = await gateway.signIn(alice.login, alice.password);
    headers = gateway.headers(token);
  });

  afterAll(() => gateway.close());

  it('should store a gzip push and answer it', async () => {
    const rows = Array.from({ length: 30 }, () => ({ newDocumentState: sampleApplication(newDocumentId()) }));
    const body = gzipSync(JSON.stringify({ rows }));
    const answer = await exchange(pushUrl(), 'POST', { ...headers, 'content-encoding': 'gzip' }, body);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.raw.toString())).toEqual({ conflicts: [], errors: [] });
    const pulled = await (await fetch(`${gateway.url}/v1/sync/applications/pull?limit=200`, { headers })).json();
    expect(pulled.documents.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(rows.map((r) => r.newDocumentState.id)));
  });

  it('should refuse a gzip push that inflates past the push limit, naming it', async () => {
    const member = gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member)); // ~1 MB that inflates to 1 GB
    const answer = await exchange(pushUrl(), 'POST', { ...headers, 'content-encoding': 'gzip' }, bomb);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.raw.toString())).toMatchObject({ code: 'BODY_TOO_LARGE', detail: `at most ${LIMITS.maxPushBodyBytes} bytes once decompressed` });
  });

  it('should answer 400 for corrupt gzip and 415 for an unknown encoding', async () => {
    const corrupt = await exchange(pushUrl(), 'POST', { ...headers, 'content-encoding': 'gzip' }, Buffer.from('{"rows":[]}'));
    expect(corrupt.status).toBe(400);
    expect(JSON.parse(corrupt.raw.toString())).toMatchObject({ code: 'MALFORMED_BODY', field: 'Content-Encoding' });
    const unknown = await exchange(pushUrl(), 'POST', { ...headers, 'content-encoding': 'compress' }, Buffer.from('{"rows":[]}'));
    expect(unknown.status).toBe(415);
    expect(JSON.parse(unknown.raw.toString())).toMatchObject({ code: 'UNSUPPORTED_CONTENT_ENCODING' });
  });

  it('should compress a pull page for a client that accepts gzip or br, and not for one that does not', async () => {
    const url = `${gateway.url}/v1/sync/applications/pull?limit=200`;
    const plain = await exchange(url, 'GET', headers);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // Caches in between must keep the plain and the compressed answer apart.
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const gzipped = await exchange(url, 'GET', { ...headers, 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(documentsOf(gunzipSync(gzipped.raw))).toEqual(documentsOf(plain.raw));
    const brotli = await exchange(url, 'GET', { ...headers, 'accept-encoding': 'gzip, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(documentsOf(brotliDecompressSync(brotli.raw))).toEqual(documentsOf(plain.raw));
    expect(brotli.raw.length).toBeLessThan(plain.raw.length * 0.3);
  });

  it('should not compress the live stream, whose events go out one by one', async () => {
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/sync/applications/stream`, { headers: { ...headers, 'accept-encoding': 'gzip, br' }, signal: controller.signal });
    expect(response.headers.get('content-encoding')).toBeNull();
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('resync');
    controller.abort();
  });

  it('should not compress tus answers', async () => {
    const bytes = seededBytes(2048, 9);
    const created = await createUpload(gateway.url, token, { length: bytes.length, metadata: { sha256: sha256Hex(bytes), contentType: 'image/jpeg' } });
    const patched = await patchUpload(created.location!, token, 0, bytes);
    expect(patched.status).toBe(204);
    const head = await exchange(created.location!, 'HEAD', { ...headers, 'tus-resumable': '1.0.0', 'accept-encoding': 'gzip, br' });
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(await headUpload(created.location!, token)).toMatchObject({ status: 200, offset: 2048 });
  });
});

/**
 * The documents of a pull page, by id: two pulls of one position may carry
 * different checkpoint strings and a different order on Apache CouchDB.
 */
function documentsOf(raw: Buffer): unknown[] {
  const page = JSON.parse(raw.toString('utf8')) as { documents: Array<{ id: string }> };
  return [...page.documents].sort((a, b) => a.id.localeCompare(b.id));
}
