import { firstValueFrom, filter } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_RULE_CASES, signedAuthorisation } from '../../../sync-protocol/agent-rules.cases.js';
import { RULE_CASES, RULE_CASES_GUIDE, RULE_CASES_TODAY, ruleCaseApplication } from '../../../sync-protocol/application-rules.cases.js';
import type { ApplicationDoc, GuideDoc } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';
import { createDataApi, SubmissionRefusedError, type DataApi } from './data-api.js';
import type { Databases } from './databases.js';
import { recordSyncIssues } from './sync-issues.js';
import { createTestDatabases } from './test-database.js';

const guide: GuideDoc = {
  id: 'guide-0001',
  itemCode: '330100-001',
  name: '农村宅基地申请',
  itemType: '行政许可',
  audience: ['个人'],
  department: '乡镇人民政府',
  level: '乡级',
  areaCode: '330106',
  conditions: ['本村村民'],
  // Nothing required: these tests are about submitting; the rules have their own table below.
  materials: [
    { key: 'id-card', name: '身份证', forms: ['复印件'], copies: 1, required: false, waivable: false },
    { key: 'lease', name: '租赁合同', forms: ['复印件'], copies: 1, required: false, waivable: true },
  ],
  formFields: [{ key: 'acreage', label: '面积', type: 'number', required: false }],
  timeLimit: { statutoryDays: 20, promisedDays: 10 },
  fee: '不收费',
  channels: ['窗口办'],
  delivery: ['窗口领取'],
  version: 3,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('data api', () => {
  let databases: Databases;
  let db: UserDatabase;
  let api: DataApi;
  const now = () => new Date('2026-11-25T08:00:00.000Z');

  beforeEach(async () => {
    databases = await createTestDatabases();
    db = await databases.openUser('u1');
    api = createDataApi({ device: databases.device, user: db }, { now });
    await databases.device.guides.insert(guide);
  });
  afterEach(async () => {
    await databases.close();
  });

  it('should create a draft application against the guide version', async () => {
    const app = await api.createApplication({ guide, applicant: { name: '张三', idNumber: '', phone: '13800138000' }, form: { acreage: '2' } });
    expect(app).toMatchObject({ guideId: 'guide-0001', guideVersion: 3, guideName: '农村宅基地申请', lifecycle: 'draft', createdAt: now().toISOString() });
    expect(app.id).toMatch(/^app-[0-9a-f]{32}$/);
    expect(app.applicant).toEqual({ name: '张三', phone: '13800138000' });
  });

  it('should keep a draft that has only a photo, before any name is typed', async () => {
    const page = { sha256: 'a'.repeat(64), bytes: 10, contentType: 'image/jpeg' as const };
    const draft = await api.createApplication({
      guide,
      applicant: { name: '', idNumber: '', phone: '' },
      form: {},
      materials: [{ key: 'id-card', name: '居民身份证', pages: [page] }],
    });
    expect(draft.applicant).toEqual({});
    expect((await db.applications.findOne(draft.id).exec())!.toJSON().materials).toEqual([{ key: 'id-card', name: '居民身份证', pages: [page] }]);
    const named = await api.updateDraft(draft.id, { applicant: { name: '王秀英' }, form: {} });
    expect(named.applicant).toEqual({ name: '王秀英' });
  });

  it('should refuse to submit a draft without the applicant name, naming the field, and keep it a draft', async () => {
    const draft = await api.createApplication({ guide, applicant: { name: ' ' }, form: { acreage: '2' } });
    await expect(api.submitApplication(draft.id)).rejects.toThrow(/applicant\.name/);
    expect((await db.applications.findOne(draft.id).exec())!.lifecycle).toBe('draft');
  });

  it('should submit an application with a submission time', async () => {
    const app = await api.createApplication({ guide, applicant: { name: '张三' }, form: {} });
    const submitted = await api.submitApplication(app.id);
    expect(submitted.lifecycle).toBe('submitted');
    expect(submitted.submittedAt).toBe(now().toISOString());
  });

  it('should save a draft and replace its typed values on every later save', async () => {
    const draft = await api.createApplication({ guide, applicant: { name: '张' }, form: {} });
    const updated = await api.updateDraft(draft.id, { applicant: { name: '张三', idNumber: '', phone: '1380013' }, form: { acreage: '2', note: '' } });
    expect(updated).toMatchObject({ id: draft.id, lifecycle: 'draft', applicant: { name: '张三', phone: '1380013' }, form: { acreage: '2' } });
    expect(updated.applicant).not.toHaveProperty('idNumber');
    expect(updated.trackingCode).toBeUndefined();
    expect(await db.applications.count().exec()).toBe(1);
  });

  it('should refuse to overwrite a submitted application with a late draft save', async () => {
    const app = await api.createApplication({ guide, applicant: { name: '张三' }, form: { acreage: '2' } });
    await api.submitApplication(app.id);
    await expect(api.updateDraft(app.id, { applicant: { name: '李四' }, form: {} })).rejects.toThrow(/already submitted/);
    expect((await db.applications.findOne(app.id).exec())!.applicant.name).toBe('张三');
  });

  it('should give a submitted application a tracking code made on the device, and keep it on a resend', async () => {
    const bytes = createDataApi({ device: databases.device, user: db }, { now, randomBytes: (n) => new Uint8Array(n).fill(0xff) });
    const app = await bytes.createApplication({ guide, applicant: { name: '张三' }, form: {} });
    const submitted = await bytes.submitApplication(app.id);
    expect(submitted.trackingCode).toBe('TB-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const again = await api.submitApplication(app.id);
    expect(again.trackingCode).toBe('TB-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
  });

  it('should make a different tracking code for each application by default', async () => {
    const codes = [];
    for (const name of ['甲', '乙']) codes.push((await api.submitApplication((await api.createApplication({ guide, applicant: { name }, form: {} })).id)).trackingCode);
    expect(codes[0]).toMatch(/^TB(-[0-9A-Z]{4}){4}$/);
    expect(codes[0]).not.toBe(codes[1]);
  });

  it('should watch one application with its sync state', async () => {
    const app = await api.createApplication({ guide, applicant: { name: '张三' }, form: {} });
    await api.submitApplication(app.id);
    const view = await firstValueFrom(api.application$(app.id).pipe(filter((v) => v?.application.lifecycle === 'submitted')));
    expect(view?.syncState).toBe('pending');
    expect(await firstValueFrom(api.application$('app-missing'))).toBeNull();
  });

  it('should reject a document the schema forbids', async () => {
    const bad = { id: 'x', guideId: 'guide-0001' } as unknown as ApplicationDoc;
    await expect(db.applications.insert(bad)).rejects.toThrow();
    await expect(api.createApplication({ guide, applicant: { name: '张三', phone: '1'.repeat(21) }, form: {} })).rejects.toThrow();
    expect(await db.applications.count().exec()).toBe(0);
  });

  it('should list applications with their sync state', async () => {
    const a = await api.createApplication({ guide, applicant: { name: '甲' }, form: {} });
    await api.submitApplication(a.id);
    const views = await firstValueFrom(api.applications$.pipe(filter((v) => v[0]?.syncState === 'pending')));
    expect(views.map((v) => v.syncState)).toEqual(['pending']);
  });

  it('should show a refusal until the application is submitted again', async () => {
    const a = await api.createApplication({ guide, applicant: { name: '甲' }, form: {} });
    await recordSyncIssues(db, 'applications', [{ id: a.id, code: 'DOCUMENT_INVALID', message: '文档内容不符合要求', field: 'form.acreage' }]);
    const refused = await firstValueFrom(api.applications$.pipe(filter((v) => v[0]?.syncState === 'refused')));
    expect(refused[0].issue).toMatchObject({ code: 'DOCUMENT_INVALID', field: 'form.acreage' });
    await api.submitApplication(a.id);
    await firstValueFrom(api.applications$.pipe(filter((v) => v[0]?.syncState === 'pending')));
  });

  it('should show the province latest answer as the one state, with its statuses in order', async () => {
    const a = await api.createApplication({ guide, applicant: { name: '甲' }, form: {} });
    await api.submitApplication(a.id);
    // Pulled from the gateway in any order; their times are server clocks.
    await db.statuses.bulkInsert([
      { id: `${a.id}:supplement`, applicationId: a.id, state: 'supplement_required', at: '2026-11-21T02:00:00.000Z', materials: [{ name: '居民身份证', reason: '照片看不清' }] },
      { id: `${a.id}:accepted`, applicationId: a.id, state: 'accepted', acceptanceNumber: '浙330000-2026-000001', at: '2026-11-20T02:00:00.000Z' },
      { id: 'other:accepted', applicationId: 'app-other', state: 'accepted', at: '2026-11-20T02:00:00.000Z' },
    ]);
    const view = await firstValueFrom(api.application$(a.id).pipe(filter((v) => v?.statuses.length === 2)));
    expect(view?.stage).toBe('supplement_required');
    expect(view?.statuses.map((s) => s.state)).toEqual(['accepted', 'supplement_required']);
    // The province said the number once, when it accepted: the 补件 after it does not repeat it.
    expect(view?.acceptanceNumber).toBe('浙330000-2026-000001');
  });

  it('should read a guide as plain data', async () => {
    const read = await api.getGuide('guide-0001');
    expect(read).toEqual(guide);
    expect(await api.getGuide('guide-9999')).toBeNull();
  });

  it('should count only submitted applications that have not reached the gateway', async () => {
    await api.createApplication({ guide, applicant: { name: '草稿' }, form: {} });
    const sent = await api.createApplication({ guide, applicant: { name: '已发' }, form: {} });
    await api.submitApplication(sent.id);
    await (await db.applications.findOne(sent.id).exec())!.incrementalPatch({ server: { receivedAt: now().toISOString() } });
    for (const name of ['甲', '乙']) await api.submitApplication((await api.createApplication({ guide, applicant: { name }, form: {} })).id);
    expect(await api.countUnsent()).toBe(2);
  });

  it('should read guides but refuse to write applications while nobody is signed in', async () => {
    const signedOut = createDataApi({ device: databases.device, user: null });
    expect(await signedOut.getGuide('guide-0001')).toEqual(guide);
    expect(await signedOut.countUnsent()).toBe(0);
    await expect(signedOut.createApplication({ guide, applicant: { name: '甲' }, form: {} })).rejects.toThrow('nobody is signed in');
  });
  it('should create a draft with the pages attached before it was first written, and replace them only when given', async () => {
    const page = { sha256: 'a'.repeat(64), bytes: 10, contentType: 'image/jpeg' as const };
    const draft = await api.createApplication({ guide, applicant: { name: '张三' }, form: {}, materials: [{ key: 'id-card', name: '身份证', pages: [page] }] });
    expect(draft.materials).toEqual([{ key: 'id-card', name: '身份证', pages: [page] }]);
    const typed = await api.updateDraft(draft.id, { applicant: { name: '张三丰' }, form: {} });
    expect(typed.materials).toEqual(draft.materials);
    const cleared = await api.updateDraft(draft.id, { applicant: { name: '张三丰' }, form: {}, materials: [] });
    expect(cleared.materials).toEqual([]);
  });

  it('should keep attached materials in the draft and submit waived ones only with a matching commitment', async () => {
    const photo = await api.putMaterial({
      blob: new Blob([new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9])], { type: 'image/jpeg' }),
      meta: { kind: 'photo', label: '身份证', materialKey: 'id-card' },
    });
    const signature = await api.putMaterial({ blob: new Blob([new Uint8Array([0x89, 0x50, 2])], { type: 'image/png' }), meta: { kind: 'signature', label: '承诺书签名' } });
    const app = await api.createApplication({ guide, applicant: { name: '张三' }, form: {} });
    const page = { sha256: photo.sha256, bytes: photo.bytes, contentType: photo.contentType };
    const materials = [
      { key: 'id-card', name: '身份证', pages: [page] },
      { key: 'lease', name: '租赁合同', pages: [], waived: true },
    ];
    const draft = await api.setDraftMaterials(app.id, materials);
    expect(draft.materials).toEqual(materials);
    await expect(api.submitApplication(app.id)).rejects.toThrow(/commitment\.waivedKeys COMMITMENT_MISMATCH/);
    const commitment = {
      waivedKeys: ['lease'],
      text: '本人承诺5个工作日内补交租赁合同。',
      signedAt: now().toISOString(),
      signature: { sha256: signature.sha256, bytes: signature.bytes, contentType: signature.contentType },
    };
    const submitted = await api.submitApplication(app.id, { commitment });
    expect(submitted).toMatchObject({ lifecycle: 'submitted', commitment });
    expect((await api.unsentMaterialHashes()).sort()).toEqual([photo.sha256, signature.sha256].sort());
    await api.markMaterialUploaded(photo.sha256);
    expect(await api.unsentMaterialHashes()).toEqual([signature.sha256]);
    await expect(api.setDraftMaterials(app.id, [])).rejects.toThrow(/already submitted/);
  });
});

describe('data api: the submission rules, by the table the gateway runs too', () => {
  let databases: Databases;
  let db: UserDatabase;
  let api: DataApi;

  beforeEach(async () => {
    databases = await createTestDatabases();
    db = await databases.openUser('u1');
    api = createDataApi({ device: databases.device, user: db }, { now: () => RULE_CASES_TODAY });
    await databases.device.guides.insert(RULE_CASES_GUIDE);
  });
  afterEach(async () => {
    await databases.close();
  });

  it.each(RULE_CASES)('should answer $name as the table says', async ({ parts, refused }) => {
    const { submittedAt: _, ...draft } = ruleCaseApplication(`app-rules-${Math.random().toString(36).slice(2, 10)}`, parts);
    // Saved as a draft first (drafts may break the rules), then submitted as the form does.
    await db.applications.insert({ ...draft, lifecycle: 'draft' });
    if (parts.lifecycle === 'draft') return;
    const submitting = api.submitApplication(draft.id);
    if (!refused) {
      expect((await submitting).lifecycle).toBe('submitted');
      return;
    }
    const error = await submitting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubmissionRefusedError);
    expect((error as SubmissionRefusedError).issues[0]).toMatchObject(refused);
    expect((await db.applications.findOne(draft.id).exec())!.lifecycle).toBe('draft');
  });
});

describe("data api: who files, by the agents' table the gateway runs too", () => {
  let databases: Databases;
  let db: UserDatabase;
  const person = (role: 'agent' | 'applicant') => ({ id: 'u1', login: role, displayName: '李建国', role });

  beforeEach(async () => {
    databases = await createTestDatabases();
    db = await databases.openUser('u1');
    await databases.device.guides.insert(RULE_CASES_GUIDE);
  });
  afterEach(async () => {
    await databases.close();
  });

  it.each(AGENT_RULE_CASES)('should answer $name as the table says', async ({ filer, parts, refused }) => {
    const api = createDataApi({ device: databases.device, user: db }, { now: () => RULE_CASES_TODAY, person: person(filer) });
    const { submittedAt: _, ...draft } = ruleCaseApplication(`app-agent-${Math.random().toString(36).slice(2, 10)}`, {});
    const { lifecycle, ...agentParts } = parts('u1');
    await db.applications.insert({ ...draft, ...agentParts, lifecycle: 'draft' });
    if (lifecycle === 'draft') return;
    const submitting = api.submitApplication(draft.id);
    if (!refused) {
      expect((await submitting).lifecycle).toBe('submitted');
      return;
    }
    const error = await submitting.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubmissionRefusedError);
    expect((error as SubmissionRefusedError).issues[0]).toMatchObject(refused);
  });

  it("should refuse another household's photo on the phone, as the gateway does", async () => {
    const api = createDataApi({ device: databases.device, user: db }, { now: () => RULE_CASES_TODAY, person: person('agent') });
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 7, 1, 2, 0xff, 0xd9])], { type: 'image/jpeg' });
    const item = await api.putMaterial({ blob: photo, meta: { kind: 'photo', label: '身份证', materialKey: 'id-card', householdId: 'household-A0000001' } });
    const { submittedAt: _, ...draft } = ruleCaseApplication('app-agent-otherhousehold', {});
    const idCard = { key: 'id-card', name: '身份证', pages: [{ sha256: item.sha256, bytes: item.bytes, contentType: 'image/jpeg' as const }] };
    const materials = [...(draft.materials ?? []).filter((m) => m.key !== 'id-card'), idCard];
    await db.applications.insert({
      ...draft,
      materials,
      householdId: 'household-B0000001',
      memberId: 'member-00000001',
      authorisation: signedAuthorisation('u1'),
      lifecycle: 'draft',
    });
    const error = await api.submitApplication(draft.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionRefusedError);
    expect((error as SubmissionRefusedError).issues).toContainEqual({ field: 'materials.id-card', code: 'OTHER_HOUSEHOLD' });
  });
});
