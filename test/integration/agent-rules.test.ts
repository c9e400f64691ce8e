/**
 * Village agents' rules at the gateway, over HTTP (issue 13): who may name a
 * household or carry an authorisation, a photo of one household refused on
 * another's application, household profiles checked like on the phone, and
 * households replicated by agents only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_RULE_CASES, signedAuthorisation } from '../../sync-protocol/agent-rules.cases.js';
import type { HouseholdDoc } from '../../sync-protocol/index.js';
import { newDocumentId, sampleApplication, type WireDoc } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

const page = (c: string) => ({ sha256: c.repeat(64), bytes: 1000, contentType: 'image/jpeg' as const });

describe('village agents at the gateway, over HTTP', () => {
  let gateway: TestGateway;
  const clients: Record<'agent' | 'applicant', { client: SyncHttpClient; userId: string }> = {} as never;

  beforeAll(async () => {
    gateway = await startTestGateway();
    for (const role of ['agent', 'applicant'] as const) {
      const account = await gateway.createAccount(role);
      clients[role] = { client: createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password)), userId: account.userId };
    }
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it.each(AGENT_RULE_CASES)('should answer a push of $name as the table says', async ({ filer, parts, refused }) => {
    const { client, userId } = clients[filer];
    const app = sampleApplication(newDocumentId(), { lifecycle: 'submitted', submittedAt: '2026-11-20T08:00:00.000Z', trackingCode: 'TB-7KQ4-M2XD-9F3A-0C1E', ...parts(userId) });
    const answer = await client.push('applications', [{ newDocumentState: app }]);
    expect(answer.status).toBe(200);
    if (refused) {
      expect(answer.body.errors).toEqual([expect.objectContaining({ id: app.id, code: 'DOCUMENT_INVALID', field: refused.field })]);
      expect(answer.body.errors[0].detail).toContain(refused.code);
    } else expect(answer.body).toEqual({ conflicts: [], errors: [] });
  });

  it("should refuse household A's photo on household B's application, naming the field, and keep it for A", async () => {
    const { client } = clients.agent;
    const idCard = { key: 'id-card', name: '身份证', pages: [page('1')] };
    const forA = sampleApplication(newDocumentId(), { householdId: 'household-A0000001', materials: [idCard] });
    expect((await client.push('applications', [{ newDocumentState: forA }])).body).toEqual({ conflicts: [], errors: [] });
    const forB = sampleApplication(newDocumentId(), { householdId: 'household-B0000001', materials: [{ ...idCard }, { key: 'hukou', name: '户口簿', pages: [page('2')] }] });
    const refused = await client.push('applications', [{ newDocumentState: forB }]);
    expect(refused.body.errors).toEqual([expect.objectContaining({ id: forB.id, code: 'DOCUMENT_INVALID', field: 'materials.id-card' })]);
    expect(refused.body.errors[0].detail).toContain('OTHER_HOUSEHOLD');
    const againForA = sampleApplication(newDocumentId(), { householdId: 'household-A0000001', materials: [idCard] });
    expect((await client.push('applications', [{ newDocumentState: againForA }])).body).toEqual({ conflicts: [], errors: [] });
    // The same photo in one batch for two households: the first one listed gets it.
    const c = sampleApplication(newDocumentId(), { householdId: 'household-C0000001', materials: [{ key: 'id-card', name: '身份证', pages: [page('3')] }] });
    const d = sampleApplication(newDocumentId(), { householdId: 'household-D0000001', materials: [{ key: 'id-card', name: '身份证', pages: [page('3')] }] });
    const batch = await client.push('applications', [{ newDocumentState: c }, { newDocumentState: d }]);
    expect(batch.body.errors.map((e) => [e.id, e.field])).toEqual([[d.id, 'materials.id-card']]);
  });

  it('should refuse an authorisation image of another household too', async () => {
    const { client, userId } = clients.agent;
    const first = sampleApplication(newDocumentId(), { householdId: 'household-E0000001', materials: [{ key: 'id-card', name: '身份证', pages: [page('5')] }] });
    expect((await client.push('applications', [{ newDocumentState: first }])).body.errors).toEqual([]);
    const other = sampleApplication(newDocumentId(), { householdId: 'household-F0000001', authorisation: { ...signedAuthorisation(userId), image: page('5') } });
    const answer = await client.push('applications', [{ newDocumentState: other }]);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'authorisation.image' })]);
  });

  const household = (members: HouseholdDoc['members']): WireDoc => ({
    id: newDocumentId('household'),
    village: { name: '黄沙腰村', code: '331123104201' },
    address: '遂昌县黄沙腰镇黄沙腰村12号',
    members,
    createdAt: '2026-11-25T07:00:00.000Z',
    updatedAt: '2026-11-25T07:00:00.000Z',
    _deleted: false,
  });

  it("should store an agent's household profile and refuse one with a wrong ID number, naming the member", async () => {
    const { client } = clients.agent;
    const good = household([{ id: 'member-00000001', name: '王秀英', idNumber: '11010519491231002X', relation: '户主' }]);
    const bad = household([{ id: 'member-00000009', name: '李大伯', idNumber: '110105194912310021', relation: '户主' }]);
    const answer = await client.push('households', [{ newDocumentState: good }, { newDocumentState: bad }]);
    expect(answer.body.errors).toEqual([expect.objectContaining({ id: bad.id, code: 'DOCUMENT_INVALID', field: 'members.member-00000009.idNumber' })]);
    const pulled = await client.pull('households');
    expect(pulled.body.documents.map((d) => d.id)).toEqual([good.id]);
  });

  it('should not let an applicant replicate households at all', async () => {
    const { client } = clients.applicant;
    expect((await client.pull('households')).status).toBe(403);
    const pushed = await client.push('households', [{ newDocumentState: household([{ id: 'member-00000001', name: '王秀英', relation: '户主' }]) }]);
    expect(pushed.status).toBe(403);
  });
});
