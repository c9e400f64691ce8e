import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeApplication, IntakeChanges } from '../../province/intake-contract.js';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { createSilentLogger } from '../logger.js';
import { MemoryDocumentStore, MemoryMaterialStore, MemoryOutboxStore } from '../../test/support/memory-stores.js';
import { startForwarder, type Forwarder, type ForwarderOptions } from './forwarder.js';
import { submitEntryId, supplementEntryId } from '../domain/outbox-entry.js';
import { outboxEntriesFor } from '../domain/plan-deliveries.js';
import { UpstreamError, type ProvinceAdapter } from './province-adapter.js';
import { startStatusPoller } from './status-poller.js';

const owner = 'alice01';
const sha = 'a'.repeat(64);
const app: ApplicationDoc = {
  id: 'app-00000001',
  guideId: 'guide-331123-x',
  guideVersion: 1,
  guideName: '个体工商户设立登记',
  applicant: { name: '王秀英' },
  form: {},
  lifecycle: 'submitted',
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  materials: [{ key: 'id-card', name: '居民身份证', pages: [{ sha256: sha, bytes: 3, contentType: 'image/jpeg' }] }],
};

/** A province that records calls and answers from a script. */
function fakeProvince() {
  const calls: string[] = [];
  let failures: UpstreamError[] = [];
  const province: ProvinceAdapter & { calls: string[]; failNext(...errors: UpstreamError[]): void; changes: IntakeChanges } = {
    calls,
    changes: { events: [], cursor: '0' },
    failNext(...errors) {
      failures = errors;
    },
    async putMaterial(sha256) {
      calls.push(`put ${sha256.slice(0, 4)}`);
    },
    async submitApplication(key: string, body: IntakeApplication) {
      calls.push(`submit ${key}`);
      const failure = failures.shift();
      if (failure) throw failure;
      return { caseId: `case-${body.applicationId}`, receivedAt: '2026-11-26T00:00:00.000Z' };
    },
    async submitSupplement(key, caseId) {
      calls.push(`supplement ${key} ${caseId}`);
      return { caseId, receivedAt: '2026-11-26T00:00:00.000Z' };
    },
    async submitRating(key, caseId) {
      calls.push(`rating ${key} ${caseId}`);
      return { caseId, receivedAt: '2026-11-26T00:00:00.000Z' };
    },
    async pullChanges(cursor) {
      return cursor === '0' ? province.changes : { events: [], cursor };
    },
  };
  return province;
}

describe('forwarder', () => {
  let now = new Date('2026-11-26T08:00:00.000Z');
  const clock = { now: () => now };
  const running: Forwarder[] = [];
  const options: ForwarderOptions = {
    instanceId: 'gw-a',
    pollMs: 3_600_000,
    batchSize: 10,
    leaseMs: 60_000,
    retry: { baseMs: 1000, capMs: 60_000, maxAttempts: 3 },
    breaker: { threshold: 2, openMs: 30_000 },
  };

  afterEach(async () => {
    while (running.length > 0) await running.pop()!.stop();
    now = new Date('2026-11-26T08:00:00.000Z');
  });

  async function setUp(doc: ApplicationDoc = app) {
    const documents = new MemoryDocumentStore();
    const materials = new MemoryMaterialStore();
    const outbox = new MemoryOutboxStore();
    await materials.put(owner, { sha256: sha, contentType: 'image/jpeg', bytes: 3, open: () => Readable.from([Buffer.from('abc')]) });
    const stored = {
      _id: doc.id,
      data: { ...doc } as Record<string, unknown>,
      server: { receivedAt: now.toISOString(), owner, completeAt: now.toISOString() },
      deleted: false,
      materialsComplete: true,
    };
    await documents.writeDocuments({ collection: 'applications', userId: owner }, [stored]);
    await outbox.enqueue(outboxEntriesFor(stored, owner, now.toISOString()));
    const province = fakeProvince();
    const outcomes: string[] = [];
    const observer = { delivery: (kind: string, outcome: string) => outcomes.push(`${kind} ${outcome}`), polled: () => {}, pollFailed: () => {} };
    const start = (overrides: Partial<ForwarderOptions> = {}) => {
      const forwarder = startForwarder({ outbox, documents, materials, province, clock, logger: createSilentLogger(), random: () => 0.5, observer }, { ...options, ...overrides });
      running.push(forwarder);
      return forwarder;
    };
    return { documents, outbox, province, start, outcomes };
  }

  it('should upload the materials, submit once with the entry’s key, record 已报送省平台 and mark the entry done', async () => {
    const { documents, outbox, province, start } = await setUp();
    const forwarder = start();
    await forwarder.runOnce();
    await forwarder.runOnce();
    const entry = (await outbox.read(submitEntryId(app.id)))!;
    expect(province.calls).toEqual([`put aaaa`, `submit ${entry.key}`]);
    expect(entry).toMatchObject({ state: 'done', attempts: 1, result: { caseId: `case-${app.id}` } });
    expect(entry.claimedBy).toBeUndefined();
    const statuses = await documents.readDocuments({ collection: 'statuses', userId: owner }, [`${app.id}.forwarded`]);
    expect(statuses.get(`${app.id}.forwarded`)?.data).toMatchObject({ state: 'forwarded', message: '已报送省平台' });
  });

  it('should retry a transient failure after a jittered delay and keep a permanent refusal as a dead letter', async () => {
    const { outbox, province, start } = await setUp();
    province.failNext(new UpstreamError('no answer: timeout', false), new UpstreamError('422 INVALID bad form', true));
    const forwarder = start();
    await forwarder.runOnce();
    let entry = (await outbox.read(submitEntryId(app.id)))!;
    expect(entry).toMatchObject({ state: 'pending', attempts: 1, lastError: 'no answer: timeout', nextAttemptAt: '2026-11-26T08:00:00.500Z' });
    await forwarder.runOnce();
    expect(province.calls.filter((c) => c.startsWith('submit'))).toHaveLength(1);
    now = new Date('2026-11-26T08:00:01.000Z');
    await forwarder.runOnce();
    entry = (await outbox.read(submitEntryId(app.id)))!;
    expect(entry).toMatchObject({ state: 'dead', attempts: 2, deadReason: '422 INVALID bad form' });
  });

  it('should report each attempt’s outcome, telling a replayed answer from a first one', async () => {
    const { outbox, province, start, outcomes } = await setUp();
    province.failNext(new UpstreamError('no answer: timeout', false));
    const submit = province.submitApplication.bind(province);
    province.submitApplication = async (key, body) => ({ ...(await submit(key, body)), replayed: true });
    const forwarder = start();
    await forwarder.runOnce();
    now = new Date('2026-11-26T08:00:01.000Z');
    await forwarder.runOnce();
    expect(outcomes).toEqual(['submit retry', 'submit replayed']);
    // The marker is the adapter's, not the province's receipt: it is not kept on the entry.
    expect((await outbox.read(submitEntryId(app.id)))!.result).toEqual({ caseId: `case-${app.id}`, receivedAt: '2026-11-26T00:00:00.000Z' });
  });

  it('should leave an entry another instance holds, and take it over once that lease expired', async () => {
    const { outbox, province, start } = await setUp();
    const held = (await outbox.read(submitEntryId(app.id)))!;
    await outbox.write({ ...held, claimedBy: 'gw-dead', leaseUntil: '2026-11-26T08:01:00.000Z' });
    const forwarder = start();
    await forwarder.runOnce();
    expect(province.calls).toEqual([]);
    now = new Date('2026-11-26T08:01:00.001Z');
    await forwarder.runOnce();
    expect((await outbox.read(submitEntryId(app.id)))!.state).toBe('done');
  });

  it('should renew its lease while a slow province answers, so a second instance never sends the same application', async () => {
    const { outbox, province, start } = await setUp();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const submit = province.submitApplication.bind(province);
    let sends = 0;
    province.submitApplication = async (key, body) => {
      sends += 1;
      await answered;
      return submit(key, body);
    };
    const a = start({ renewEveryMs: 5 });
    const delivering = a.runOnce();
    const id = submitEntryId(app.id);
    await expect.poll(async () => (await outbox.read(id))?.claimedBy).toBe('gw-a');
    // 50 s later the first lease (60 s) still runs; the renewal moves it to now + 60 s.
    now = new Date('2026-11-26T08:00:50.000Z');
    await expect.poll(async () => (await outbox.read(id))?.leaseUntil).toBe('2026-11-26T08:01:50.000Z');
    // Past the first lease: without the renewal, gw-b would claim and send again.
    now = new Date('2026-11-26T08:01:20.000Z');
    const b = start({ instanceId: 'gw-b' });
    await b.runOnce();
    expect(sends).toBe(1);
    answer();
    await delivering;
    expect((await outbox.read(id))!).toMatchObject({ state: 'done', attempts: 1 });
    expect(a.counts().leaseRenewals).toBeGreaterThan(0);
    expect(province.calls.filter((c) => c.startsWith('submit'))).toHaveLength(1);
  });

  it('should count a claim lost to another instance and not send', async () => {
    const { outbox, province, start } = await setUp();
    const forwarder = start();
    // Another instance claims between this one's read and its claim.
    const original = outbox.listDue.bind(outbox);
    outbox.listDue = async (at, limit) => {
      const due = await original(at, limit);
      const entry = (await outbox.read(due[0]._id))!;
      await outbox.write({ ...entry, claimedBy: 'gw-b', leaseUntil: '2026-11-26T09:00:00.000Z' });
      return due;
    };
    await forwarder.runOnce();
    expect(province.calls).toEqual([]);
    expect(forwarder.counts().claimConflicts).toBe(1);
  });

  it('should open the circuit after failures in a row and send nothing while it is open', async () => {
    const { outbox, province, start } = await setUp();
    province.failNext(new UpstreamError('no answer', false), new UpstreamError('no answer', false), new UpstreamError('no answer', false));
    const forwarder = start({ retry: { baseMs: 1, capMs: 1, maxAttempts: 100 } });
    await forwarder.runOnce();
    now = new Date(now.getTime() + 10);
    await forwarder.runOnce();
    expect(forwarder.counts().circuit).toBe('open');
    now = new Date(now.getTime() + 10);
    await forwarder.runOnce();
    expect(province.calls.filter((c) => c.startsWith('submit'))).toHaveLength(2);
    expect((await outbox.read(submitEntryId(app.id)))!.attempts).toBe(2);
  });

  it('should hold a supplement until the submission has its case, then send it to that case', async () => {
    const withSupplement: ApplicationDoc = {
      ...app,
      supplements: [{ id: 'sup-00000001', requestedBy: 's1', materials: [{ key: 'id-card', name: '居民身份证', pages: app.materials![0].pages }], at: '2026-11-26T08:00:00.000Z' }],
    };
    const { outbox, province, start } = await setUp(withSupplement);
    const supplementId = supplementEntryId(app.id, 'sup-00000001');
    // The supplement is due first.
    const entry = (await outbox.read(supplementId))!;
    await outbox.write({ ...entry, nextAttemptAt: '2026-11-26T07:00:00.000Z' });
    province.failNext(new UpstreamError('no answer', false));
    const forwarder = start();
    await forwarder.runOnce();
    expect((await outbox.read(supplementId))!).toMatchObject({ state: 'pending', attempts: 0 });
    expect(forwarder.counts().deferred).toBe(1);
    now = new Date('2026-11-26T08:10:00.000Z');
    await forwarder.runOnce();
    await forwarder.runOnce();
    expect(province.calls).toContain(`supplement ${app.id}.supplement.sup-00000001 case-${app.id}`);
    expect((await outbox.read(supplementId))!.state).toBe('done');
  });

  it('should write each province event once as a status, however often it is applied', async () => {
    const { documents, outbox, province, start } = await setUp();
    await start().runOnce();
    province.changes = {
      cursor: '2',
      events: [
        { eventId: 'ev-1', caseId: `case-${app.id}`, applicationId: app.id, state: 'accepted', acceptanceNumber: '浙331123-2026-000001', at: now.toISOString() },
        {
          eventId: 'ev-2',
          caseId: `case-${app.id}`,
          applicationId: app.id,
          state: 'supplement_required',
          materials: [{ key: 'id-card', name: '居民身份证', reason: '模糊' }],
          at: now.toISOString(),
        },
      ],
    };
    const poller = startStatusPoller({ outbox, documents, province, clock, logger: createSilentLogger() }, { pollMs: 3_600_000, batchSize: 100 });
    const other = startStatusPoller({ outbox, documents, province, clock, logger: createSilentLogger() }, { pollMs: 3_600_000, batchSize: 100 });
    await Promise.all([poller.runOnce(), other.runOnce()]);
    await poller.stop();
    await other.stop();
    const page = await documents.pullChanges({ collection: 'statuses', userId: owner }, '0', 100);
    expect(page.documents.map((d) => d._id).sort()).toEqual([`${app.id}.ev-1`, `${app.id}.ev-2`, `${app.id}.forwarded`]);
    expect((await outbox.readCursor()).cursor).toBe('2');
    expect((await outbox.read(submitEntryId(app.id)))!.province).toEqual({ state: 'supplement_required', eventId: 'ev-2' });
  });

  it('should report each poll: events read, whether the page was full, and when', async () => {
    const { documents, outbox, province } = await setUp();
    province.changes = { cursor: '1', events: [{ eventId: 'ev-1', caseId: 'c', applicationId: 'unknown-app', state: 'accepted', at: now.toISOString() }] };
    const polls: unknown[] = [];
    const observer = { delivery: () => {}, polled: (events: number, full: boolean, at: Date) => polls.push({ events, full, at: at.toISOString() }), pollFailed: () => {} };
    const poller = startStatusPoller({ outbox, documents, province, clock, logger: createSilentLogger(), observer }, { pollMs: 3_600_000, batchSize: 1 });
    await poller.runOnce();
    await poller.runOnce();
    await poller.stop();
    expect(polls).toEqual([
      { events: 1, full: true, at: now.toISOString() },
      { events: 0, full: false, at: now.toISOString() },
    ]);
  });
});
