import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../sync-protocol/index.js';
import { toProblem } from './error-middleware.js';
import { createJsonBody } from './json-body.js';

/** The push limit: the bombs below are smaller than it on the wire, so only the inflated count can stop them. */
const LIMIT = LIMITS.maxPushBodyBytes;

/** Raw answers, without fetch's own decoding or checks in the way. */
function send(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    // The server may answer and close before reading the whole body.
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Gzip of `megabytes` MB of zeros, as concatenated gzip members of 1 MB each
 * (valid gzip, about 1 KB per MB): quick to make, never held inflated.
 */
function gzipOfZeros(megabytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

describe('JSON bodies, plain or gzip', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      try {
        await next();
      } catch (error) {
        const problem = toProblem(error);
        ctx.status = problem.status;
        ctx.body = problem.toBody();
      }
    });
    app.use(createJsonBody(LIMIT) as never);
    app.use((ctx) => {
      ctx.body = { received: (ctx.request as { body?: unknown }).body };
    });
    server = createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const json = { rows: [{ name: '张三', note: 'x'.repeat(1000) }] };

  it('should read a plain body', async () => {
    expect(await send(url, Buffer.from(JSON.stringify(json)), {})).toEqual({ status: 200, body: { received: json } });
  });

  it('should read a gzip body', async () => {
    const body = gzipSync(JSON.stringify(json));
    expect(body.length).toBeLessThan(200);
    expect(await send(url, body, { 'content-encoding': 'gzip' })).toEqual({ status: 200, body: { received: json } });
  });

  it('should refuse a declared length over the limit before reading it', async () => {
    const answer = await send(url, Buffer.alloc(LIMIT + 1, 0x20), {});
    expect(answer).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE', detail: `at most ${LIMIT} bytes` } });
  });

  it('should refuse a small gzip body that inflates past the limit', async () => {
    const small = gzipOfZeros(10);
    expect(small.length).toBeLessThanOrEqual(11 * 1024);
    const answer = await send(url, small, { 'content-encoding': 'gzip' });
    expect(answer).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE', detail: `at most ${LIMIT} bytes once decompressed` } });
  });

  it('should refuse a gzip bomb of 1 GB without inflating it', async () => {
    const bomb = gzipOfZeros(1024);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    const before = process.memoryUsage();
    // Chunked, so no declared length stops it early: only the inflated count does.
    const answer = await send(url, bomb, { 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' });
    const after = process.memoryUsage();
    expect(answer).toMatchObject({ status: 413, body: { detail: `at most ${LIMIT} bytes once decompressed` } });
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(256 * 1024 * 1024);
  });

  it('should answer 400 naming the encoding for corrupt gzip', async () => {
    const body = gzipSync(JSON.stringify(json));
    body[body.length - 6] ^= 0xff; // the CRC no longer matches
    const answer = await send(url, body, { 'content-encoding': 'gzip' });
    expect(answer).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY', field: 'Content-Encoding' } });
    const garbage = await send(url, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(garbage).toMatchObject({ status: 400, body: { code: 'MALFORMED_BODY', field: 'Content-Encoding' } });
  });

  it('should answer 415 for an encoding it does not know', async () => {
    const answer = await send(url, Buffer.from(JSON.stringify(json)), { 'content-encoding': 'br' });
    expect(answer).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_CONTENT_ENCODING', field: 'Content-Encoding' } });
  });
});
