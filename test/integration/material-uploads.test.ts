import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MATERIAL_BYTES, type ProblemBody } from '../../sync-protocol/index.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createUpload, headUpload, patchUpload, seededBytes, sha256Hex, uploadMaterial, type UploadRefusal } from '../support/material-transfer.js';

describe('material uploads (tus 1.0 at /v1/materials/uploads)', () => {
  let gateway: TestGateway;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    const alice = await gateway.createAccount('applicant');
    userId = alice.userId;
    token = await gateway.signIn(alice.login, alice.password);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function stored(owner: string, sha256: string): Promise<Buffer | null> {
    return gateway.store.materials.read(owner, sha256);
  }

  function have(hashes: string[], bearer = token) {
    return fetch(`${gateway.url}/v1/materials/have`, { method: 'POST', headers: gateway.headers(bearer), body: JSON.stringify({ sha256: hashes }) });
  }

  it('should store an uploaded material as attachment `content` of the doc named by its SHA-256', async () => {
    const bytes = seededBytes(300_000, 1);
    const sha256 = sha256Hex(bytes);
    await uploadMaterial(gateway.url, token, bytes);
    expect((await stored(userId, sha256))?.equals(bytes)).toBe(true);
    const doc = await gateway.couch.use(gateway.dbNames.userMaterials(userId)).get(sha256);
    expect(doc._attachments).toMatchObject({ content: { content_type: 'image/jpeg', length: bytes.length } });
  });

  it('should answer `have` with the held hashes of the caller only', async () => {
    const bytes = seededBytes(70_000, 2);
    const held = sha256Hex(bytes);
    const missing = sha256Hex(seededBytes(10, 3));
    await uploadMaterial(gateway.url, token, bytes, { contentType: 'image/png' });
    const answer = await have([missing, held]);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ have: [held] });

    const bob = await gateway.createAccount('applicant');
    const bobToken = await gateway.signIn(bob.login, bob.password);
    expect(await (await have([held], bobToken)).json()).toEqual({ have: [] });
  });

  it('should refuse `have` with a malformed hash, naming the field', async () => {
    const answer = await have(['ABC']);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'sha256.0' });
  });

  it('should treat a second upload of a held material as a no-op success', async () => {
    const bytes = seededBytes(100_000, 4);
    const sha256 = sha256Hex(bytes);
    await uploadMaterial(gateway.url, token, bytes);
    const db = gateway.couch.use(gateway.dbNames.userMaterials(userId));
    const rev = (await db.get(sha256))._rev;
    await uploadMaterial(gateway.url, token, bytes);
    expect((await db.get(sha256))._rev).toBe(rev);
  });

  it('should answer 460 MATERIAL_HASH_MISMATCH and store nothing when the declared SHA-256 is wrong', async () => {
    const bytes = seededBytes(200_000, 5);
    const declared = sha256Hex(seededBytes(200_000, 6));
    const refusal = (await uploadMaterial(gateway.url, token, bytes, { sha256: declared }).catch((e: unknown) => e)) as UploadRefusal;
    expect(refusal.status).toBe(460);
    expect(JSON.parse(refusal.body)).toMatchObject({ code: 'MATERIAL_HASH_MISMATCH' });
    expect(await stored(userId, declared)).toBeNull();
    expect(await stored(userId, sha256Hex(bytes))).toBeNull();
  });

  it('should detect a chunk whose bytes changed in flight, answer 460, store nothing and forget the upload', async () => {
    const bytes = seededBytes(3 * 65_536, 7);
    const sha256 = sha256Hex(bytes);
    const created = await createUpload(gateway.url, token, { length: bytes.length, metadata: { sha256, contentType: 'image/jpeg' } });
    expect(created.status).toBe(201);
    const corrupted = Buffer.from(bytes);
    corrupted[65_536 + 1234] ^= 0x01; // one bit flipped in the second chunk
    expect((await patchUpload(created.location!, token, 0, corrupted.subarray(0, 65_536))).status).toBe(204);
    expect((await patchUpload(created.location!, token, 65_536, corrupted.subarray(65_536, 131_072))).status).toBe(204);
    const last = await patchUpload(created.location!, token, 131_072, corrupted.subarray(131_072));
    expect(last.status).toBe(460);
    expect((JSON.parse(last.body) as ProblemBody).code).toBe('MATERIAL_HASH_MISMATCH');
    expect(await stored(userId, sha256)).toBeNull();
    expect((await headUpload(created.location!, token)).status).toBe(404);
  });

  it('should let nobody but the owner HEAD, PATCH or DELETE an upload', async () => {
    const bytes = seededBytes(100_000, 8);
    const created = await createUpload(gateway.url, token, { length: bytes.length, metadata: { sha256: sha256Hex(bytes), contentType: 'image/jpeg' } });
    expect((await patchUpload(created.location!, token, 0, bytes.subarray(0, 40_000))).status).toBe(204);

    const mallory = await gateway.createAccount('agent');
    const malloryToken = await gateway.signIn(mallory.login, mallory.password);
    expect((await headUpload(created.location!, malloryToken)).status).toBe(404);
    expect((await patchUpload(created.location!, malloryToken, 40_000, bytes.subarray(40_000))).status).toBe(404);
    const deleted = await fetch(created.location!, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0', ...gateway.headers(malloryToken) } });
    expect(deleted.status).toBe(404);
    expect(await headUpload(created.location!, token)).toMatchObject({ status: 200, offset: 40_000 });
  });

  it('should refuse uploads without a bearer token or from an operator', async () => {
    const anonymous = await fetch(`${gateway.url}/v1/materials/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', ...gateway.headers() } });
    expect(anonymous.status).toBe(401);
    const operator = await gateway.createAccount('operator');
    const operatorToken = await gateway.signIn(operator.login, operator.password);
    const refused = await createUpload(gateway.url, operatorToken, { length: 10, metadata: { sha256: sha256Hex(Buffer.alloc(10)), contentType: 'image/jpeg' } });
    expect(refused.status).toBe(403);
  });

  it('should refuse a declaration without the protocol version header', async () => {
    const response = await fetch(`${gateway.url}/v1/materials/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' } });
    expect(response.status).toBe(426);
  });

  it.each([
    ['no sha256', { length: 10, metadata: { contentType: 'image/jpeg' } }, 400, 'Upload-Metadata.sha256'],
    ['an uppercase sha256', { length: 10, metadata: { sha256: 'A'.repeat(64), contentType: 'image/jpeg' } }, 400, 'Upload-Metadata.sha256'],
    ['a GIF', { length: 10, metadata: { sha256: 'a'.repeat(64), contentType: 'image/gif' } }, 400, 'Upload-Metadata.contentType'],
    ['no content type', { length: 10, metadata: { sha256: 'a'.repeat(64) } }, 400, 'Upload-Metadata.contentType'],
    ['unparsable metadata', { length: 10, rawMetadata: 'sha256 !!!,,' }, 400, 'Upload-Metadata'],
    ['no length', { metadata: { sha256: 'a'.repeat(64), contentType: 'image/jpeg' } }, 400, 'Upload-Length'],
    ['a length over MAX_MATERIAL_BYTES', { length: MAX_MATERIAL_BYTES + 1, metadata: { sha256: 'a'.repeat(64), contentType: 'image/jpeg' } }, 413, 'Upload-Length'],
  ])('should refuse a creation with %s, naming the field', async (_name, declared, status, field) => {
    const answer = await createUpload(gateway.url, token, declared);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ field });
    expect(answer.location).toBeNull();
  });
});
