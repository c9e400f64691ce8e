import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

describe('one user never sees or writes another user’s documents', () => {
  let gateway: TestGateway;
  let alice: TestAccount;
  let bob: TestAccount;
  let asAlice: SyncHttpClient;
  let asBob: SyncHttpClient;

  beforeAll(async () => {
    gateway = await startTestGateway();
    alice = await gateway.createAccount('applicant');
    bob = await gateway.createAccount('agent');
    asAlice = createSyncHttpClient(gateway.url, await gateway.signIn(alice.login, alice.password));
    asBob = createSyncHttpClient(gateway.url, await gateway.signIn(bob.login, bob.password));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should never pull another user’s documents', async () => {
    const bobs = sampleApplication(newDocumentId('bob'), { applicant: { name: '李四' } });
    await asBob.push('applications', [{ newDocumentState: bobs }]);
    const pulled = await asAlice.pull('applications', undefined, 200);
    expect(pulled.status).toBe(200);
    expect(pulled.body.documents.map((d) => d.id)).not.toContain(bobs.id);
    expect((await asBob.pull('applications', undefined, 200)).body.documents.map((d) => d.id)).toContain(bobs.id);
  });

  it('should refuse a push of another user’s id with NOT_OWNER, leave it unchanged and store the rest', async () => {
    const bobs = sampleApplication(newDocumentId('bob'), { applicant: { name: '李四' } });
    await asBob.push('applications', [{ newDocumentState: bobs }]);
    const bobDb = gateway.couch.use<{ data: { applicant: { name: string } } }>(gateway.userDbName(bob.userId, 'applications'));
    const before = await bobDb.get(bobs.id);

    const hijack = { ...bobs, applicant: { name: '冒名顶替' } };
    const mine = sampleApplication(newDocumentId('alice'));
    const answer = await asAlice.push('applications', [{ newDocumentState: hijack }, { newDocumentState: mine }]);
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toEqual([expect.objectContaining({ id: bobs.id, code: 'NOT_OWNER' })]);
    expect(answer.body.conflicts).toEqual([]);
    // Claiming to have seen Bob's master, or deleting it, changes nothing either.
    const deletion = await asAlice.push('applications', [{ assumedMasterState: bobs, newDocumentState: { ...bobs, _deleted: true } }]);
    expect(deletion.body.errors).toEqual([expect.objectContaining({ id: bobs.id, code: 'NOT_OWNER' })]);

    const after = await bobDb.get(bobs.id);
    expect(after._rev).toBe(before._rev);
    expect(after.data.applicant.name).toBe('李四');
    const aliceDb = gateway.couch.use(gateway.userDbName(alice.userId, 'applications'));
    await expect(aliceDb.get(bobs.id)).rejects.toMatchObject({ statusCode: 404 });
    expect((await aliceDb.get(mine.id))._id).toBe(mine.id);
  });

  it('should keep an id with its first owner even when the owner deleted the document', async () => {
    const doc = sampleApplication(newDocumentId('bob'));
    await asBob.push('applications', [{ newDocumentState: doc }]);
    await asBob.push('applications', [{ assumedMasterState: doc, newDocumentState: { ...doc, _deleted: true } }]);
    const answer = await asAlice.push('applications', [{ newDocumentState: doc }]);
    expect(answer.body.errors).toEqual([expect.objectContaining({ id: doc.id, code: 'NOT_OWNER' })]);
  });

  it('should refuse private collections to an operator', async () => {
    const operator = await gateway.createAccount('operator');
    const asOperator = createSyncHttpClient(gateway.url, await gateway.signIn(operator.login, operator.password));
    const answer = await asOperator.pull('applications');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'FORBIDDEN' });
  });
});
