import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

describe('the built app on the same origin', () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'tongban-dist-'));
  let gateway: TestGateway;

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>通办</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("install", () => {});');
    writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1);');
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
