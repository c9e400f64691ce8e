import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

describe('pull and push of applications over HTTP', () => {
  let gateway: TestGateway;
  let alice: TestAccount;
  let client: SyncHttpClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    alice = await gateway.createAccount('applicant');
    client = createSyncHttpClient(gateway.url, await gateway.signIn(alice.login, alice.password));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  async function storedDoc(id: string) {
    return gateway.couch.use<{ data: Record<string, unknown>; server: Record<string, unknown>; deleted: boolean }>(gateway.userDbName(alice.userId, 'applications')).get(id);
  }

  it('should store a pushed document and pull it back with the server stamp', async () => {
    const doc = sampleApplication(newDocumentId());
    const pushed = await client.push('applications', [{ newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual({ conflicts: [], errors: [] });

    const pulled = await client.pull('applications');
    expect(pulled.status).toBe(200);
    const back = pulled.body.documents.find((d) => d.id === doc.id);
    expect(back).toMatchObject({ ...doc, _deleted: false });
    expect(back?.server).toEqual({ receivedAt: expect.any(String), owner: alice.userId, completeAt: expect.any(String) }); // no materials: complete at once
    expect(typeof pulled.body.checkpoint.seq).toBe('string');
  });

  it('should store the documented shape: client fields under data, server stamp, deleted flag', async () => {
    const doc = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: { ...doc, server: { receivedAt: '1999-01-01T00:00:00.000Z', owner: 'someone-else' } } }]);
    const stored = await storedDoc(doc.id);
    const { _deleted, ...data } = doc;
    expect(stored.data).toEqual(data);
    expect(stored.deleted).toBe(false);
    expect(stored.server.owner).toBe(alice.userId);
    expect(stored.server.receivedAt).not.toBe('1999-01-01T00:00:00.000Z');
  });

  it('should create no duplicate and no new revision when a push is retried', async () => {
    const doc = sampleApplication(newDocumentId());
    const rows = [{ newDocumentState: doc }];
    await client.push('applications', rows);
    const first = await storedDoc(doc.id);
    // The same rows again, as if the device never got the first answer.
    const again = await client.push('applications', rows);
    expect(again.body).toEqual({ conflicts: [], errors: [] });
    expect((await storedDoc(doc.id))._rev).toBe(first._rev);

    // An edit whose answer is lost, retried with the same assumed master.
    const edited = { ...doc, notes: '补充说明' };
    const editRows = [{ assumedMasterState: doc, newDocumentState: edited }];
    await client.push('applications', editRows);
    const afterEdit = await storedDoc(doc.id);
    const retried = await client.push('applications', editRows);
    expect(retried.body).toEqual({ conflicts: [], errors: [] });
    expect((await storedDoc(doc.id))._rev).toBe(afterEdit._rev);
    expect(afterEdit._rev.startsWith('2-')).toBe(true);

    const all = await client.pull('applications', undefined, 200);
    expect(all.body.documents.filter((d) => d.id === doc.id)).toHaveLength(1);
  });

  it('should answer one invalid document with DOCUMENT_INVALID naming the field and store the others', async () => {
    const good = sampleApplication(newDocumentId());
    const bad = { ...sampleApplication(newDocumentId()), applicant: { name: '王秀英', phone: '1'.repeat(21) } };
    const answer = await client.push('applications', [{ newDocumentState: bad }, { newDocumentState: good }]);
    expect(answer.status).toBe(200);
    expect(answer.body.conflicts).toEqual([]);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ id: bad.id, code: 'DOCUMENT_INVALID', field: 'applicant.phone', message: expect.any(String), fix: expect.any(String), detail: expect.any(String) }),
    ]);
    expect((await storedDoc(good.id)).data.id).toBe(good.id);
    await expect(storedDoc(bad.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('should keep a draft without the applicant name and refuse a submitted application without one, naming the field', async () => {
    const draft = sampleApplication(newDocumentId(), { applicant: {} });
    const submitted = sampleApplication(newDocumentId(), { applicant: { phone: '13957800123' }, lifecycle: 'submitted', submittedAt: '2026-11-20T09:00:00.000Z' });
    const answer = await client.push('applications', [{ newDocumentState: draft }, { newDocumentState: submitted }]);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        id: submitted.id,
        code: 'DOCUMENT_INVALID',
        field: 'applicant.name',
        message: expect.any(String),
        fix: expect.any(String),
        detail: expect.stringContaining('applicant.name'),
      }),
    ]);
    expect((await storedDoc(draft.id)).data.applicant).toEqual({});
    await expect(storedDoc(submitted.id)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('should answer the second of two edits from the same master with the master as a conflict', async () => {
    const base = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: base }]);
    const fromPhone = { ...base, applicant: { name: '王秀英', phone: '13957800999' } };
    const fromAgent = { ...base, notes: '代办员补录' };
    expect((await client.push('applications', [{ assumedMasterState: base, newDocumentState: fromPhone }])).body.conflicts).toEqual([]);
    const second = await client.push('applications', [{ assumedMasterState: base, newDocumentState: fromAgent }]);
    expect(second.status).toBe(200);
    expect(second.body.errors).toEqual([]);
    expect(second.body.conflicts).toEqual([expect.objectContaining({ ...fromPhone, server: expect.any(Object), _deleted: false })]);
    expect((await storedDoc(base.id)).data.notes).toBeUndefined();
  });

  it('should pull a deletion back as a tombstone with _deleted true', async () => {
    const doc = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: doc }]);
    const before = await client.pull('applications', undefined, 200);
    const deleted = await client.push('applications', [{ assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } }]);
    expect(deleted.body).toEqual({ conflicts: [], errors: [] });
    const after = await client.pull('applications', before.body.checkpoint);
    expect(after.body.documents).toEqual([expect.objectContaining({ id: doc.id, _deleted: true, guideName: doc.guideName })]);
    expect((await storedDoc(doc.id)).deleted).toBe(true);
  });

  it('should let exactly one of two simultaneous edits of the same master land, and answer the other as a conflict', async () => {
    const base = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: base }]);
    const edits = [
      { ...base, notes: '甲' },
      { ...base, notes: '乙' },
    ];
    const answers = await Promise.all(edits.map((next) => client.push('applications', [{ assumedMasterState: base, newDocumentState: next }])));
    const stored = await storedDoc(base.id);
    expect(stored._rev.startsWith('2-')).toBe(true);
    const loser = answers.findIndex((answer) => answer.body.conflicts.length === 1);
    expect(loser).toBeGreaterThanOrEqual(0);
    expect(answers[1 - loser].body).toEqual({ conflicts: [], errors: [] });
    expect(answers[loser].body.conflicts[0].notes).toBe(stored.data.notes);
    expect(stored.data.notes).toBe(edits[1 - loser].notes);
  });

  it('should skip design documents and still mean "caught up" only at the end', async () => {
    const db = gateway.couch.use(gateway.userDbName(alice.userId, 'applications'));
    const start = (await client.pull('applications', undefined, 200)).body.checkpoint;
    await db.insert({ _id: '_design/reports', views: {} } as never);
    const doc = sampleApplication(newDocumentId());
    await client.push('applications', [{ newDocumentState: doc }]);
    const first = await client.pull('applications', start, 1);
    expect(first.body.documents.map((d) => d.id)).toEqual([doc.id]);
    expect((await client.pull('applications', first.body.checkpoint, 1)).body.documents).toEqual([]);
  });

  it('should refuse a pull limit outside 1..200, naming the field', async () => {
    for (const limit of ['0', '201', 'ten', '1.5']) {
      const response = await fetch(`${gateway.url}/v1/sync/applications/pull?limit=${limit}`, { headers: gateway.headers(await gateway.signIn(alice.login, alice.password)) });
      expect(response.status, limit).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST', field: 'limit' });
    }
  });

  it('should refuse a push envelope that is not a PushRequest', async () => {
    const token = await gateway.signIn(alice.login, alice.password);
    const response = await fetch(`${gateway.url}/v1/sync/applications/push`, { method: 'POST', headers: gateway.headers(token), body: JSON.stringify({ docs: [] }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'INVALID_REQUEST' });
  });
});
