import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/**
 * The guide import lease on the real store: two gateways (or a gateway and
 * the CLI) on one CouchDB decide who imports through the lease document's
 * revision, and a dead holder's lease expires. In strict mode (or on Apache
 * CouchDB) a `_local` lease let all five simultaneous takers win: CouchDB
 * checks no revision on `_local` documents (issue 11).
 */
describe('guide import lease in CouchDB', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('should give the lease to one holder at a time, to the same holder again, and to another once released or expired', async () => {
    const leases = gateway.store.imports;
    const now = '2026-11-26T08:00:00.000Z';
    expect(await leases.acquireLease('a', '2026-11-26T08:02:00.000Z', now)).toBe(true);
    expect(await leases.acquireLease('b', '2026-11-26T08:02:00.000Z', now)).toBe(false);
    expect(await leases.acquireLease('a', '2026-11-26T08:03:00.000Z', now)).toBe(true);
    // a died: its lease runs out.
    expect(await leases.acquireLease('b', '2026-11-26T08:06:00.000Z', '2026-11-26T08:03:00.001Z')).toBe(true);
    await leases.releaseLease('a');
    expect(await leases.acquireLease('a', '2026-11-26T08:06:00.000Z', '2026-11-26T08:04:00.000Z')).toBe(false);
    await leases.releaseLease('b');
    expect(await leases.acquireLease('a', '2026-11-26T08:06:00.000Z', '2026-11-26T08:04:00.000Z')).toBe(true);
    expect(await leases.listApplying()).toEqual([]);
  });

  it('should let exactly one of many simultaneous takers win', async () => {
    const leases = gateway.store.imports;
    const now = '2026-11-27T08:00:00.000Z';
    const until = '2026-11-27T08:02:00.000Z';
    const answers = await Promise.all(['p', 'q', 'r', 's', 't'].map((holder) => leases.acquireLease(holder, until, now)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
});
