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

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'tongban-tus-'));
    finishAnswer = { status_code: 500, body: 'store down' };
    finished.length = 0;
    uploads = createUploadsArea({
      directory,
      path: PATH,
      maxSize: 1024 * 1024,
      allowedHeaders: [],
      expireAfterMs: HOUR_MS,
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

  async function send(id: string, offset: number, bytes: Uint8Array): Promise<number> {
    const res = await fetch(`${base}${PATH}/${id}`, {
      method: 'PATCH',
      headers: { ...TUS, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      body: Buffer.from(bytes),
    });
    return res.status;
  }

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
