import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitEntryId } from '../../gateway/domain/outbox-entry.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type ApplicationDoc } from '../../sync-protocol/index.js';
import { createFiler, type Filer } from '../support/filing.js';
import { seededBytes, sha256Hex, uploadMaterial } from '../support/material-transfer.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';

const SCRAPE_TOKEN = 'scrape-0123456789abcdefghijklmnopqrstuv';

/** One sample of the exposition: `name{label="value",…}` and its value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Reads Prometheus text format (what prom-client writes: no escaped quotes in our label values). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of one series (0 when it was never written), matching the labels given. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}

describe('GET /metrics: what operators watch', () => {
  let province: TestProvince;
  let gateway: TestGateway;
  let applicant: TestAccount;
  let operator: TestAccount;
  let filer: Filer;
  let applicantToken: string;

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  }

  beforeAll(async () => {
    province = await startTestProvince();
    gateway = await startTestGateway({ upstreamEnv: fastUpstream(province, { TB_METRICS_TOKEN: SCRAPE_TOKEN }) });
    applicant = await gateway.createAccount('applicant');
    operator = await gateway.createAccount('operator');
    applicantToken = await gateway.signIn(applicant.login, applicant.password);
    filer = createFiler(gateway.url, applicantToken);
  });

  afterAll(async () => {
    await gateway?.close();
    await province?.close();
  });

  it('should refuse a scrape without the scrape token or an operator, with a catalogue problem', async () => {
    const anonymous = await fetch(`${gateway.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Authorization' });

    const asApplicant = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${await gateway.signIn(applicant.login, applicant.password)}` } });
    expect(asApplicant.status).toBe(403);
    expect(await asApplicant.json()).toMatchObject({ code: 'FORBIDDEN', field: 'Authorization' });

    const asOperator = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${await gateway.signIn(operator.login, operator.password)}` } });
    expect(asOperator.status).toBe(200);
    expect(await asOperator.text()).toContain('tongban_outbox_entries');
  });

  it('should count pushes, uploads, refusals, the backlog and deliveries by exactly what happened', async () => {
    const before = await scrape();
    await province.setMode({ mode: 'down' });

    // Three applications, each with one photo; one more photo whose declared hash is wrong (460).
    const apps: ApplicationDoc[] = [];
    for (const seed of [1, 2, 3]) apps.push(await filer.file(seed));
    const photoBytes = [1, 2, 3].reduce((sum, seed) => sum + 20_000 + seed, 0);
    const wrong = seededBytes(5_000, 9);
    await expect(uploadMaterial(gateway.url, applicantToken, wrong, { sha256: sha256Hex(Buffer.from('not these bytes')) })).rejects.toMatchObject({ status: 460 });
    // A body that is not JSON, refused before any store read.
    const malformed = await fetch(`${gateway.url}/v1/sync/applications/push`, {
      method: 'POST',
      headers: gateway.headers(applicantToken),
      body: '{"rows": [',
    });
    expect(malformed.status).toBe(400);

    // While the province is down the three wait in the outbox (the figures are cached a few seconds), and attempts fail.
    const waiting = await waitFor('the backlog and a failed attempt in the figures', async () => {
      const now = await scrape();
      const backlog = valueOf(now, 'tongban_outbox_entries', { state: 'pending' }) + valueOf(now, 'tongban_outbox_entries', { state: 'in_flight' });
      const retried = valueOf(now, 'tongban_uplink_deliveries_total', { outcome: 'retry' }) - valueOf(before, 'tongban_uplink_deliveries_total', { outcome: 'retry' });
      return backlog === 3 && retried > 0 ? now : null;
    });
    expect(valueOf(waiting, 'tongban_outbox_entries', { state: 'dead' })).toBe(0);
    expect(valueOf(waiting, 'tongban_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);

    await province.setMode({ mode: 'up' });
    await waitFor('every application forwarded', async () => {
      const entries = await Promise.all(apps.map((app) => gateway.store.outbox.read(submitEntryId(app.id))));
      return entries.every((entry) => entry?.state === 'done');
    });
    const after = await waitFor('the deliveries and an empty backlog in the figures', async () => {
      const now = await scrape();
      const delivered = valueOf(now, 'tongban_uplink_deliveries_total', { outcome: 'delivered' });
      const backlog = valueOf(now, 'tongban_outbox_entries');
      return delivered >= 3 && backlog === 0 && valueOf(now, 'tongban_uplink_circuit_state', { state: 'closed' }) === 1 ? now : null;
    });
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved('tongban_sync_pushed_documents_total', { collection: 'applications', outcome: 'written' })).toBe(3);
    expect(moved('tongban_sync_pushed_documents_total', { collection: 'applications', outcome: 'conflict' })).toBe(0);
    expect(moved('tongban_http_requests_total', { route: '/v1/sync/:collection/push', method: 'POST', status_class: '2xx' })).toBe(3);
    expect(moved('tongban_http_requests_total', { route: '/v1/sync/:collection/push', method: 'POST', status_class: '4xx' })).toBe(1);
    expect(moved('tongban_http_bodies_refused_total', { code: 'MALFORMED_BODY' })).toBe(1);
    expect(moved('tongban_material_uploads_started_total')).toBe(4);
    expect(moved('tongban_material_uploads_completed_total')).toBe(3);
    expect(moved('tongban_materials_stored_total', { outcome: 'stored' })).toBe(3);
    expect(moved('tongban_material_hash_mismatches_total')).toBe(1);
    expect(moved('tongban_material_bytes_received_total')).toBe(photoBytes + wrong.length);
    expect(moved('tongban_uplink_deliveries_total', { kind: 'submit', outcome: 'delivered' })).toBe(3);
    expect(moved('tongban_uplink_deliveries_total', { outcome: 'replayed' })).toBe(0);
    expect(moved('tongban_uplink_deliveries_total', { outcome: 'dead' })).toBe(0);
    expect(valueOf(after, 'tongban_outbox_entries', { state: 'dead' })).toBe(0);
    expect(valueOf(after, 'tongban_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(valueOf(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // The way back: the poller answered since the province came up.
    const lastPoll = await waitFor('a successful status poll', async () => {
      const value = valueOf(await scrape(), 'tongban_status_poll_last_success_timestamp_seconds');
      return value > 0 ? value : null;
    });
    expect(Math.abs(lastPoll - Date.now() / 1000)).toBeLessThan(60);
  });

  it('should count a resend the province recognised as a replay, not as a second delivery', async () => {
    const app = await filer.file(4);
    const id = submitEntryId(app.id);
    await waitFor('the application forwarded', async () => (await gateway.store.outbox.read(id))?.state === 'done');
    const before = await scrape();
    // As after a crash between sending and marking done: the entry is due again, with the same Idempotency-Key.
    const done = (await gateway.store.outbox.read(id))!;
    const { doneAt: _doneAt, result: _result, ...again } = done;
    expect((await gateway.store.outbox.write({ ...again, state: 'pending', nextAttemptAt: new Date().toISOString() })).ok).toBe(true);
    const after = await waitFor('the resend in the figures', async () => {
      const now = await scrape();
      return valueOf(now, 'tongban_uplink_deliveries_total', { outcome: 'replayed' }) > valueOf(before, 'tongban_uplink_deliveries_total', { outcome: 'replayed' }) ? now : null;
    });
    const moved = (outcome: string) =>
      valueOf(after, 'tongban_uplink_deliveries_total', { kind: 'submit', outcome }) - valueOf(before, 'tongban_uplink_deliveries_total', { kind: 'submit', outcome });
    expect([moved('replayed'), moved('delivered')]).toEqual([1, 0]);
    expect((await province.counts()).casesPerApplication[app.id]).toBe(1);
  });

  it('should count pulled documents, changes questions and open live streams', async () => {
    const before = await scrape();
    const statuses = await filer.statuses();
    const asked = await fetch(`${gateway.url}/v1/sync/changes`, {
      method: 'POST',
      headers: gateway.headers(applicantToken),
      body: JSON.stringify({ feeds: [{ collection: 'statuses', since: '0' }] }),
    });
    expect(asked.status).toBe(200);
    const stream = new AbortController();
    const opened = await fetch(`${gateway.url}/v1/sync/applications/stream`, {
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${applicantToken}` },
      signal: stream.signal,
    });
    expect(opened.status).toBe(200);
    await waitFor('the open stream in the figures', async () => valueOf(await scrape(), 'tongban_sync_streams_open', { collection: 'applications' }) === 1);
    stream.abort();
    const after = await waitFor('the stream closed in the figures', async () => {
      const now = await scrape();
      return valueOf(now, 'tongban_sync_streams_open', { collection: 'applications' }) === 0 ? now : null;
    });
    expect(
      valueOf(after, 'tongban_sync_pulled_documents_total', { collection: 'statuses' }) - valueOf(before, 'tongban_sync_pulled_documents_total', { collection: 'statuses' }),
    ).toBe(statuses.length);
    expect(valueOf(after, 'tongban_sync_changes_requests_total') - valueOf(before, 'tongban_sync_changes_requests_total')).toBe(1);
  });

  it('should never put a user id, login or token in a label', async () => {
    const token = await gateway.signIn(applicant.login, applicant.password);
    const labels = (await scrape()).flatMap((s) => Object.values(s.labels));
    expect(labels.length).toBeGreaterThan(0);
    for (const secret of [applicant.userId, operator.userId, applicant.login, operator.login, token, SCRAPE_TOKEN]) {
      expect(labels.filter((value) => value.includes(secret))).toEqual([]);
    }
    // Routes are templates: no upload id or user id among them.
    const routes = new Set((await scrape()).filter((s) => s.name === 'tongban_http_requests_total').map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(\/[\w/:*.-]*|unmatched|static)$/);
    expect([...routes].filter((route) => /[0-9a-f]{32}|u[0-9a-f]{16}/.test(route))).toEqual([]);
  });

  it('should read the backlog from the store by its views: leased entries in flight, the oldest pending by creation', async () => {
    const base = await gateway.store.outbox.gauges(new Date());
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const entry = (id: string, createdAt: string, lease?: string) => ({
      _id: `submit:${id}`,
      type: 'outbox' as const,
      kind: 'submit' as const,
      applicationId: id,
      owner: applicant.userId,
      key: `k-${id}`,
      readyAt: createdAt,
      state: 'pending' as const,
      attempts: 0,
      nextAttemptAt: later,
      createdAt,
      ...(lease ? { claimedBy: 'gw-other', leaseUntil: lease } : {}),
    });
    // Not due for an hour: this gateway's forwarder leaves them alone.
    await gateway.store.outbox.enqueue([entry('metrics-a', '2020-01-01T00:00:00.000Z', later), entry('metrics-b', '2020-01-02T00:00:00.000Z', '2020-01-02T00:01:00.000Z')]);
    const gauges = await gateway.store.outbox.gauges(new Date());
    expect(gauges).toEqual({ pending: base.pending + 2, inFlight: base.inFlight + 1, dead: base.dead, oldestPendingCreatedAt: '2020-01-01T00:00:00.000Z' });
  });
});
