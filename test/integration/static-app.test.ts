import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/** An app file well above the compression threshold. */
const BIG_ASSET = Array.from({ length: 200 }, (_, i) => `export const guide${i} = 'guide number ${i}';`).join('\n');

describe('the built app on the same origin', () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'tongban-dist-'));
  let gateway: TestGateway;

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>通办</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(staticDir, 'assets', 'app-def456.js'), BIG_ASSET);
    writeFileSync(join(staticDir, 'assets', 'photo-0a1b2c.png'), Buffer.alloc(4096, 7));
    gateway = await startTestGateway({ staticDir });
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('should serve index.html and sw.js revalidated, hashed assets cached for long', async () => {
    const index = await fetch(`${gateway.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('通办');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const sw = await fetch(`${gateway.url}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const asset = await fetch(`${gateway.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('should send an app file br or gzip when the browser accepts it, and plain when it does not', async () => {
    const url = `${gateway.url}/assets/app-def456.js`;
    const plain = await rawGet(url, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString()).toBe(BIG_ASSET);
    const brotli = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(BIG_ASSET);
    const gzipped = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(BIG_ASSET);
  });

  it('should send photos as they are, already compressed', async () => {
    const png = await rawGet(`${gateway.url}/assets/photo-0a1b2c.png`, { 'accept-encoding': 'gzip, br' });
    expect(png.status).toBe(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.length).toBe(4096);
  });

  it('should answer app routes with index.html for HTML navigations only', async () => {
    const page = await fetch(`${gateway.url}/guides/guide-331123-getihu-sheli`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('通办');
    expect((await fetch(`${gateway.url}/missing.png`, { headers: { accept: 'image/png' } })).status).toBe(404);
    expect((await fetch(`${gateway.url}/assets/missing-123.js`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('should never answer the API with the app', async () => {
    const response = await fetch(`${gateway.url}/v1/unknown`, { headers: { accept: 'text/html', 'x-tongban-protocol': '1' } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

/** A GET whose body is read as it came over the wire (fetch would decode it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
