import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { submitEntryId } from '../../gateway/domain/outbox-entry.js';
import type { ApplicationDoc } from '../../sync-protocol/index.js';
import { createFiler } from '../support/filing.js';
import { fastUpstream, startTestProvince, waitFor, type TestProvince } from '../support/province-sim.js';
import { startTestCouch } from '../support/test-store.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

const run = promisify(execFile);

/** Every application has exactly one case at the province. */
function expectOneCaseEach(perApplication: Record<string, number>, ids: string[]): void {
  expect(Object.fromEntries(ids.map((id) => [id, perApplication[id]]))).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
}

describe('forwarding applications to the provincial platform', () => {
  let province: TestProvince;
  const gateways: TestGateway[] = [];

  beforeAll(async () => {
    province = await startTestProvince();
  });

  afterEach(async () => {
    while (gateways.length > 0) await gateways.pop()!.close();
    await province.setMode({ mode: 'up', refuseNext: 0 });
  });

  afterAll(async () => {
    await province?.close();
  });

  async function filerFor(gateway: TestGateway) {
    const account = await gateway.createAccount('applicant');
    return createFiler(gateway.url, await gateway.signIn(account.login, account.password));
  }

  it('should deliver every application exactly once after the province was down for a while', async () => {
    const gateway = await startTestGateway({ upstreamEnv: fastUpstream(province) });
    gateways.push(gateway);
    await province.setMode({ mode: 'down' });
    const filer = await filerFor(gateway);
    const apps: ApplicationDoc[] = [];
    for (let i = 0; i < 4; i += 1) apps.push(await filer.file(100 + i));

    // Attempts fail while it is down: entries stay pending with their errors, and the circuit opens.
    await waitFor('failed attempts on every entry', async () => {
      const entries = await Promise.all(apps.map((app) => gateway.store.outbox.read(submitEntryId(app.id))));
      return entries.every((entry) => entry && entry.state === 'pending' && entry.attempts >= 1);
    });
    expect(gateway.upstream!.counts().failed).toBeGreaterThan(0);
    // The province is shared by this file's tests: count this test's applications only.
    const whileDown = (await province.counts()).casesPerApplication;
    expect(apps.filter((app) => whileDown[app.id])).toEqual([]);

    await province.setMode({ mode: 'up' });
    await waitFor('every application forwarded', async () => {
      const entries = await Promise.all(apps.map((app) => gateway.store.outbox.read(submitEntryId(app.id))));
      return entries.every((entry) => entry?.state === 'done');
    });
    const counts = await province.counts();
    expectOneCaseEach(
      counts.casesPerApplication,
      apps.map((app) => app.id),
    );
    expect(counts.duplicates).toBe(0);
    // The device learns it went up: 已报送省平台.
    const statuses = await filer.statuses();
    expect(
      statuses
        .filter((s) => s.state === 'forwarded')
        .map((s) => s.applicationId)
        .sort(),
    ).toEqual(apps.map((app) => app.id).sort());
    // Operators watch the backlog; nobody else sees it.
    const operator = await gateway.createAccount('operator');
    const outbox = await fetch(`${gateway.url}/v1/admin/outbox?dead=1`, { headers: gateway.headers(await gateway.signIn(operator.login, operator.password)) });
    expect(outbox.status).toBe(200);
    const figures = (await outbox.json()) as { backlog: { pending: number; done: number; dead: number }; instance: { delivered: number; failed: number }; dead: unknown[] };
    expect(figures.backlog).toMatchObject({ pending: 0, done: 4, dead: 0 });
    expect(figures.instance.delivered).toBe(4);
    expect(figures.instance.failed).toBeGreaterThan(0);
    expect(figures.dead).toEqual([]);
    const applicant = await gateway.createAccount('applicant');
    const refused = await fetch(`${gateway.url}/v1/admin/outbox`, { headers: gateway.headers(await gateway.signIn(applicant.login, applicant.password)) });
    expect(refused.status).toBe(403);
  });

  it('should forward each application once when two gateway instances share one CouchDB', async () => {
    const couchDir = mkdtempSync(join(tmpdir(), 'tongban-couch-'));
    const couch = await startTestCouch({ dataDir: couchDir });
    try {
      await province.setMode({ mode: 'slow', slowMs: 30 });
      const first = await startTestGateway({
        couchUrl: couch.url,
        dbPrefix: couch.dbPrefix,
        upstreamEnv: fastUpstream(province, { TB_INSTANCE_ID: 'gw-one', TB_FORWARD_POLL_MS: '100' }),
      });
      gateways.push(first);
      const second = await startTestGateway({
        couchUrl: couch.url,
        dbPrefix: couch.dbPrefix,
        upstreamEnv: fastUpstream(province, { TB_INSTANCE_ID: 'gw-two', TB_FORWARD_POLL_MS: '100' }),
      });
      gateways.push(second);
      const filers = [await filerFor(first), await filerFor(second)];
      const apps: ApplicationDoc[] = [];
      for (let i = 0; i < 10; i += 1) apps.push(await filers[i % 2].file(200 + i));

      await waitFor(
        'every application forwarded',
        async () => {
          const entries = await Promise.all(apps.map((app) => first.store.outbox.read(submitEntryId(app.id))));
          return entries.every((entry) => entry?.state === 'done');
        },
        30_000,
      );
      const counts = await province.counts();
      expectOneCaseEach(
        counts.casesPerApplication,
        apps.map((app) => app.id),
      );
      // One claim per entry wins; the loser of a race saw a 409 and left it.
      expect(counts.duplicates).toBe(0);
      const one = first.upstream!.counts();
      const two = second.upstream!.counts();
      expect(one.delivered + two.delivered).toBe(apps.length);
      const owners = await Promise.all(apps.map(async (app) => (await first.store.outbox.read(submitEntryId(app.id)))!));
      expect(owners.every((entry) => entry.claimedBy === undefined && entry.result?.caseId)).toBe(true);
    } finally {
      while (gateways.length > 0) await gateways.pop()!.close();
      await couch.close();
      rmSync(couchDir, { recursive: true, force: true });
    }
  });

  it('should keep a permanently refused application as a dead letter with its reason until an operator retries it with the CLI', async () => {
    const couchDir = mkdtempSync(join(tmpdir(), 'tongban-couch-'));
    const couch = await startTestCouch({ dataDir: couchDir, dbPrefix: 'tbd' });
    try {
      const gateway = await startTestGateway({ couchUrl: couch.url, dbPrefix: couch.dbPrefix, upstreamEnv: fastUpstream(province) });
      gateways.push(gateway);
      await province.setMode({ refuseNext: 1 });
      const filer = await filerFor(gateway);
      const app = await filer.file(300);
      const dead = await waitFor('a dead letter', async () => {
        const entry = await gateway.store.outbox.read(submitEntryId(app.id));
        return entry?.state === 'dead' ? entry : null;
      });
      expect(dead.attempts).toBe(1);
      expect(dead.deadReason).toContain('422 INVALID');
      expect((await province.counts()).casesPerApplication[app.id]).toBeUndefined();

      // The operator sees it and, once the cause is fixed at the province, puts it back.
      const env = { ...process.env, COUCHDB_URL: couch.url, TB_DB_PREFIX: couch.dbPrefix, LOG_LEVEL: 'silent' };
      const listed = await run(process.execPath, ['--import', 'tsx', 'gateway/bin/outbox.ts', 'dead'], { env });
      expect(listed.stdout).toContain(submitEntryId(app.id));
      expect(listed.stdout).toContain('422 INVALID');
      const retried = await run(process.execPath, ['--import', 'tsx', 'gateway/bin/outbox.ts', 'retry', submitEntryId(app.id)], { env });
      expect(retried.stdout).toContain('requeued 1');

      await waitFor('delivered after the retry', async () => (await gateway.store.outbox.read(submitEntryId(app.id)))?.state === 'done');
      expect((await province.counts()).casesPerApplication[app.id]).toBe(1);
    } finally {
      while (gateways.length > 0) await gateways.pop()!.close();
      await couch.close();
      rmSync(couchDir, { recursive: true, force: true });
    }
  });

  it('should queue again, by its periodic sweep, a complete application whose outbox entry was lost', async () => {
    const gateway = await startTestGateway({ upstreamEnv: fastUpstream(province, { TB_OUTBOX_SWEEP_MS: '200' }) });
    gateways.push(gateway);
    await province.setMode({ mode: 'down' });
    const filer = await filerFor(gateway);
    const app = await filer.file(300);
    const outbox = gateway.couch.use(gateway.store.names.outbox);
    // The store failed between storing the application and queueing it: no entry.
    // The forwarder keeps writing the entry (attempts while the province is down): delete the revision read last.
    await waitFor('the entry deleted', async () => {
      const entry = await outbox.get(submitEntryId(app.id)).catch(() => null);
      if (!entry) return false;
      return outbox.destroy(entry._id, entry._rev).then(
        () => true,
        () => false,
      );
    });
    await province.setMode({ mode: 'up' });
    await waitFor('the application at the province', async () => ((await province.counts()).casesPerApplication[app.id] ?? 0) > 0);
    expect((await province.counts()).casesPerApplication[app.id]).toBe(1);
  });
});
