import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

describe('material samples at /samples/', () => {
  const outside = mkdtempSync(join(tmpdir(), 'tongban-outside-'));
  const samplesDir = mkdtempSync(join(tmpdir(), 'tongban-samples-'));
  let gateway: TestGateway;

  beforeAll(async () => {
    writeFileSync(join(samplesDir, 'id-card-front.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><text>样例</text></svg>');
    writeFileSync(join(outside, 'secret.svg'), '<svg>secret</svg>');
    symlinkSync(join(outside, 'secret.svg'), join(samplesDir, 'linked.svg'));
    gateway = await startTestGateway({ samplesDir });
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(outside, { recursive: true, force: true });
    rmSync(samplesDir, { recursive: true, force: true });
  });

  it('should serve a sample with its type, an ETag and a day of public caching, without a token or protocol header', async () => {
    const response = await fetch(`${gateway.url}/samples/id-card-front.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(response.headers.get('etag')).toMatch(/^".+"$/);
    expect(await response.text()).toContain('样例');
  });

  it('should answer 304 to a revalidation with the current ETag', async () => {
    const etag = (await fetch(`${gateway.url}/samples/id-card-front.svg`)).headers.get('etag')!;
    const again = await fetch(`${gateway.url}/samples/id-card-front.svg`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('should never serve anything outside the samples directory', async () => {
    for (const path of ['/samples/../package.json', '/samples/%2e%2e/package.json', '/samples/..%2fpackage.json', '/samples/linked.svg', '/samples/missing.svg', '/samples/']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('secret');
    }
  });
});

describe('the bundled samples', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should include the ID card, household register, business licence, storefront and commitment letter samples, watermarked', async () => {
    for (const name of ['id-card-front', 'id-card-back', 'household-register', 'business-licence', 'storefront-photo', 'commitment-letter']) {
      const response = await fetch(`${gateway.url}/samples/${name}.svg`);
      expect(response.status, name).toBe(200);
      expect(await response.text(), name).toContain('样例');
    }
  });
});
