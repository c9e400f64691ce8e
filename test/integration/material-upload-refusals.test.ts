import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ProblemBody } from '../../sync-protocol/index.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createUpload, headUpload, patchUpload, seededBytes, sha256Hex, uploadsUrl } from '../support/material-transfer.js';

/**
 * Every refusal on the tus upload URLs is a catalogue problem (JSON naming the
 * header) with tus's status, so tus-js-client (statuses and tus headers only)
 * behaves as before; another user's upload is indistinguishable from none.
 */
describe('material upload refusals (tus at /v1/materials/uploads)', () => {
  let gateway: TestGateway;
  let token: string;
  let malloryToken: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    token = await gateway.signIn(alice.login, alice.password);
    const mallory = await gateway.createAccount('agent');
    malloryToken = await gateway.signIn(mallory.login, mallory.password);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  function tus(bearer: string, extra: Record<string, string> = {}): Record<string, string> {
    return { 'Tus-Resumable': '1.0.0', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${bearer}`, ...extra };
  }

  const CHUNK = { 'Content-Type': 'application/offset+octet-stream' };

  async function newUpload(length: number, seed: number): Promise<{ url: string; bytes: Buffer }> {
    const bytes = seededBytes(length, seed);
    const created = await createUpload(gateway.url, token, { length, metadata: { sha256: sha256Hex(bytes), contentType: 'image/jpeg' } });
    expect(created.status).toBe(201);
    return { url: created.location!, bytes };
  }

  /** Status and problem of a JSON refusal with the tus header. */
  async function problemOf(response: Response): Promise<{ status: number; body: ProblemBody }> {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('tus-resumable')).toBe('1.0.0');
    const body = (await response.json()) as ProblemBody;
    expect(body.message.length).toBeGreaterThan(0);
    expect(body.fix.length).toBeGreaterThan(0);
    return { status: response.status, body };
  }

  it("should answer another user's upload exactly as one that does not exist, for every method", async () => {
    const { url, bytes } = await newUpload(100_000, 31);
    expect((await patchUpload(url, token, 0, bytes.subarray(0, 40_000))).status).toBe(204);
    const unknown = url.replace(/[0-9a-f]{32}$/, '0'.repeat(32));
    for (const method of ['GET', 'HEAD', 'PATCH', 'DELETE', 'POST']) {
      const headers = tus(malloryToken, method === 'PATCH' ? { ...CHUNK, 'Upload-Offset': '40000' } : {});
      const body = method === 'PATCH' ? new Uint8Array(bytes.subarray(40_000)) : undefined;
      const theirs = await fetch(url, { method, headers, body });
      const none = await fetch(unknown, { method, headers, body });
      expect(theirs.status, method).toBe(404);
      expect(none.status, method).toBe(404);
      if (method !== 'HEAD') {
        const [a, b] = [await problemOf(theirs), await problemOf(none)];
        expect(a.body, method).toEqual(b.body);
        expect(a.body, method).toMatchObject({ code: 'NOT_FOUND', field: 'upload' });
      }
      expect(theirs.headers.get('upload-offset'), method).toBeNull();
    }
    expect(await headUpload(url, token)).toMatchObject({ status: 200, offset: 40_000 });
  });

  it('should answer a chunk at the wrong offset 409 UPLOAD_OFFSET_CONFLICT naming Upload-Offset, and keep the upload', async () => {
    const { url, bytes } = await newUpload(50_000, 32);
    const refused = await fetch(url, { method: 'PATCH', headers: tus(token, { ...CHUNK, 'Upload-Offset': '10' }), body: new Uint8Array(bytes.subarray(10, 20)) });
    expect(await problemOf(refused)).toMatchObject({ status: 409, body: { code: 'UPLOAD_OFFSET_CONFLICT', field: 'Upload-Offset' } });
    expect(await headUpload(url, token)).toMatchObject({ status: 200, offset: 0 });
  });

  it('should answer a request without Tus-Resumable 412 TUS_VERSION_UNSUPPORTED with Tus-Version', async () => {
    const { url } = await newUpload(10, 33);
    const headers = tus(token);
    delete headers['Tus-Resumable'];
    for (const [target, method] of [
      [uploadsUrl(gateway.url), 'POST'],
      [url, 'PATCH'],
    ] as const) {
      const answer = await fetch(target, { method, headers });
      expect(answer.headers.get('tus-version'), method).toBe('1.0.0');
      expect(await problemOf(answer)).toMatchObject({ status: 412, body: { code: 'TUS_VERSION_UNSUPPORTED', field: 'Tus-Resumable' } });
    }
  });

  it('should answer a chunk to an upload already stored 410 UPLOAD_GONE, while HEAD still says done', async () => {
    const { url, bytes } = await newUpload(20_000, 34);
    expect((await patchUpload(url, token, 0, bytes)).status).toBe(204);
    const late = await fetch(url, { method: 'PATCH', headers: tus(token, { ...CHUNK, 'Upload-Offset': '20000' }), body: new Uint8Array(0) });
    expect(await problemOf(late)).toMatchObject({ status: 410, body: { code: 'UPLOAD_GONE', field: 'upload' } });
    expect(await headUpload(url, token)).toMatchObject({ status: 200, offset: 20_000 });
  });

  it('should answer a chunk past Upload-Length 413 BODY_TOO_LARGE, declared or chunked, and store nothing past it', async () => {
    const { url } = await newUpload(1_000, 35);
    const declared = await fetch(url, { method: 'PATCH', headers: tus(token, { ...CHUNK, 'Upload-Offset': '0' }), body: new Uint8Array(2_000) });
    expect(await problemOf(declared)).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE', field: 'Content-Length' } });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i += 1) controller.enqueue(new Uint8Array(600));
        controller.close();
      },
    });
    const chunked = await fetch(url, { method: 'PATCH', headers: tus(token, { ...CHUNK, 'Upload-Offset': '0' }), body: stream, duplex: 'half' } as RequestInit);
    expect(await problemOf(chunked)).toMatchObject({ status: 413, body: { code: 'BODY_TOO_LARGE' } });
    expect((await headUpload(url, token)).offset).toBeLessThanOrEqual(1_000);
  });

  it.each([
    ['a JSON chunk', { 'Content-Type': 'application/json', 'Upload-Offset': '0' }, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type'],
    ['no Upload-Offset', CHUNK, 400, 'INVALID_REQUEST', 'Upload-Offset'],
    ['a malformed Upload-Offset', { ...CHUNK, 'Upload-Offset': '1e3' }, 400, 'INVALID_REQUEST', 'Upload-Offset'],
    ['a second Upload-Length', { ...CHUNK, 'Upload-Offset': '0', 'Upload-Length': '5' }, 400, 'INVALID_REQUEST', 'Upload-Length'],
  ])('should answer a chunk with %s as a problem naming the header', async (_name, headers, status, code, field) => {
    const { url } = await newUpload(100, 36);
    const answer = await fetch(url, { method: 'PATCH', headers: tus(token, headers), body: new Uint8Array(10) });
    expect(await problemOf(answer)).toMatchObject({ status, body: { code, field } });
  });
});
