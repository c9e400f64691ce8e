import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploadsArea, type UploadAnswer, type UploadInfo, type UploadsArea } from './tus-uploads.js';

const PATH = '/uploads';
const HOUR_MS = 60 * 60 * 1000;
const TUS = { 'Tus-Resumable': '1.0.0' };

describe('uploads area sweep', () => {
  let directory: string;
  let server: Server;
  let base: string;
  let uploads: UploadsArea;
  /** What the finish hook answers; a 500 leaves the bytes on disk as after a crash. */
  let finishAnswer: UploadAnswer;
  const finished: UploadInfo[] = [];
  const faults: unknown[] = [];

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tongban-tus-'));
    finishAnswer = { status_code: 500, body: 'store down' };
    finished.length = 0;
    faults.length = 0;
    uploads = createUploadsArea({
      directory,
      path: PATH,
      maxSize: 1024 * 1024,
      allowedHeaders: [],
      expireAfterMs: HOUR_MS,
      onFault: (error) => faults.push(error),
      async onReceived(info) {
        finished.push(info);
        if (!finishAnswer.status_code) await uploads.dropData(info.id);
        return finishAnswer;
      },
    });
    server = createServer((req, res) => void uploads.handle(req, res, { owner: 'u1' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(directory, { recursive: true, force: true });
  });

  async function create(size: number): Promise<string> {
    const res = await fetch(`${base}${PATH}`, { method: 'POST', headers: { ...TUS, 'Upload-Length': String(size) } });
    expect(res.status).toBe(201);
    return res.headers.get('location')!.split('/').pop()!;
  }

  function patch(id: string, headers: Record<string, string>, bytes: Uint8Array): Promise<Response> {
    return fetch(`${base}${PATH}/${id}`, { method: 'PATCH', headers, body: Buffer.from(bytes) });
  }

  async function send(id: string, offset: number, bytes: Uint8Array): Promise<number> {
    const res = await patch(id, { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, bytes);
    return res.status;
  }

  /** Status, catalogue code and field of a refusal, after checking it is JSON. */
  async function refusal(res: Response): Promise<{ status: number; code: unknown; field: unknown }> {
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { code: unknown; field: unknown; message: unknown; fix: unknown };
    expect(typeof body.message).toBe('string');
    expect(typeof body.fix).toBe('string');
    return { status: res.status, code: body.code, field: body.field };
  }

  const CHUNK = { ...TUS, 'Content-Type': 'application/offset+octet-stream' };

  describe('refusals as catalogue problems', () => {
    it('should answer a request without Tus-Resumable 412 TUS_VERSION_UNSUPPORTED naming the header, with Tus-Version', async () => {
      const res = await fetch(`${base}${PATH}`, { method: 'POST', headers: { 'Upload-Length': '10' } });
      expect(res.headers.get('tus-version')).toBe('1.0.0');
      expect(await refusal(res)).toEqual({ status: 412, code: 'TUS_VERSION_UNSUPPORTED', field: 'Tus-Resumable' });
    });

    it('should answer a chunk at the wrong offset 409 UPLOAD_OFFSET_CONFLICT naming Upload-Offset', async () => {
      const id = await create(10);
      expect(await refusal(await patch(id, { ...CHUNK, 'Upload-Offset': '4' }, new Uint8Array(4)))).toEqual({
        status: 409,
        code: 'UPLOAD_OFFSET_CONFLICT',
        field: 'Upload-Offset',
      });
    });

    it('should answer a chunk to an upload already stored 410 UPLOAD_GONE', async () => {
      finishAnswer = {};
      const id = await create(4);
      expect(await send(id, 0, new Uint8Array(4))).toBe(204);
      expect(await refusal(await patch(id, { ...CHUNK, 'Upload-Offset': '4' }, new Uint8Array(1)))).toEqual({ status: 410, code: 'UPLOAD_GONE', field: 'upload' });
    });

    it('should answer a chunk past Upload-Length 413 BODY_TOO_LARGE, declared length or chunked', async () => {
      const id = await create(4);
      expect(await refusal(await patch(id, { ...CHUNK, 'Upload-Offset': '0' }, new Uint8Array(8)))).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(3));
          controller.enqueue(new Uint8Array(3));
          controller.close();
        },
      });
      const res = await fetch(`${base}${PATH}/${id}`, { method: 'PATCH', headers: { ...CHUNK, 'Upload-Offset': '0' }, body: chunked, duplex: 'half' } as RequestInit);
      expect(await refusal(res)).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    });

    it.each([
      ['a malformed Upload-Offset', { ...CHUNK, 'Upload-Offset': 'abc' }, 400, 'INVALID_REQUEST', 'Upload-Offset'],
      ['no Upload-Offset', CHUNK, 400, 'INVALID_REQUEST', 'Upload-Offset'],
      ['no Content-Type', { ...TUS, 'Upload-Offset': '0' }, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type'],
      ['another Content-Type', { ...TUS, 'Upload-Offset': '0', 'Content-Type': 'image/jpeg' }, 400, 'INVALID_REQUEST', 'Content-Type'],
    ])('should answer a chunk with %s as a problem naming the header', async (_name, headers, status, code, field) => {
      const id = await create(10);
      expect(await refusal(await patch(id, headers, new Uint8Array(4)))).toEqual({ status, code, field });
    });

    it('should answer an unknown upload 404 NOT_FOUND naming the upload', async () => {
      expect(await refusal(await patch('0'.repeat(32), { ...CHUNK, 'Upload-Offset': '0' }, new Uint8Array(1)))).toEqual({ status: 404, code: 'NOT_FOUND', field: 'upload' });
      expect(faults).toEqual([]);
    });
  });

  const later = (ms: number) => new Date(Date.now() + ms);

  it('should keep uploads younger than the expiry', async () => {
    const id = await create(10);
    await send(id, 0, new Uint8Array(4));
    expect(await uploads.sweep(later(HOUR_MS / 2))).toEqual({ removed: 0, finished: 0 });
    expect((await uploads.describe(id))?.state).toBe('receiving');
  });

  it('should forget a partial upload its device abandoned, bytes and record', async () => {
    const id = await create(10);
    await send(id, 0, new Uint8Array(4));
    expect(await uploads.sweep(later(2 * HOUR_MS))).toEqual({ removed: 1, finished: 0 });
    expect(await uploads.describe(id)).toBeNull();
    expect(readdirSync(directory)).toEqual([]);
  });

  it('should forget the record of a stored upload whose bytes were already dropped', async () => {
    finishAnswer = {};
    const id = await create(4);
    expect(await send(id, 0, new Uint8Array(4))).toBe(204);
    expect((await uploads.describe(id))?.state).toBe('stored');
    expect(await uploads.sweep(later(2 * HOUR_MS))).toEqual({ removed: 1, finished: 0 });
    expect(readdirSync(directory)).toEqual([]);
  });

  it('should store a fully received upload before forgetting it, and retry a failed store next time', async () => {
    const id = await create(4);
    expect(await send(id, 0, new Uint8Array(4))).toBe(500);
    expect((await uploads.describe(id))?.state).toBe('received');
    // The store is still down: nothing is dropped.
    expect(await uploads.sweep(later(2 * HOUR_MS))).toEqual({ removed: 0, finished: 0 });
    expect((await uploads.describe(id))?.state).toBe('received');
    finishAnswer = {};
    expect(await uploads.sweep(later(2 * HOUR_MS))).toEqual({ removed: 1, finished: 1 });
    expect(finished.map((f) => f.id)).toEqual([id, id, id]);
    expect(readdirSync(directory)).toEqual([]);
  });
});
