import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync-protocol/index.js';
import { checkLandedOnce, createStormAccounts, pushStorm } from '../../bench/storm-load.js';
import type { Store } from '../../gateway/store/store.js';
import { sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';

/** A gate small enough for a few pushes to fill it. */
const SMALL_GATE = { TB_ADMISSION_MAX_ACTIVE: '4', TB_ADMISSION_MAX_QUEUED: '4', TB_ADMISSION_MAX_WAIT_MS: '500', TB_ADMISSION_RETRY_AFTER_S: '1' };

/** The store with each applications write held until `open()`; `entered` resolves once one is held. */
function heldWrites() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const enteredOnce = new Promise<void>((resolve) => (entered = resolve));
  const wrap = (store: Store): Store => ({
    ...store,
    documents: new Proxy(store.documents, {
      get(target, property, receiver) {
        if (property !== 'writeDocuments') return Reflect.get(target, property, receiver);
        return async (...args: Parameters<Store['documents']['writeDocuments']>) => {
          entered();
          await gate;
          return target.writeDocuments(...args);
        };
      },
    }),
  });
  return { wrap, open: () => open(), entered: enteredOnce };
}

/** A county reconnecting at once, small (`npm run bench:storm` is the large one): nothing lost, nothing doubled, no push left waiting without an answer. */
describe('a storm of pushes', () => {
  let gateway: TestGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('should land every application of 50 accounts pushing at once exactly once, each push answered 200 or 503 with Retry-After', async () => {
    gateway = await startTestGateway({ upstreamEnv: SMALL_GATE });
    const accounts = await createStormAccounts(gateway.store, 50, 5, 11);

    const storm = await pushStorm(gateway.url, accounts);

    expect(storm.failed).toEqual([]);
    for (const answer of storm.answers) {
      if (answer.status !== 200) {
        expect([429, 503]).toContain(answer.status);
        expect(answer.retryAfterMs).toBeDefined();
      }
    }
    expect(storm.answers.filter((a) => a.status === 200)).toHaveLength(50);
    expect(await checkLandedOnce(gateway.couch, gateway.dbNames, accounts)).toEqual({ expected: 250, landed: 250, missing: 0, unexpected: 0, rewritten: 0 });
  });

  it('should refuse a push beyond the gate with 503 GATEWAY_BUSY and Retry-After, write none of it, and land it once when sent again', async () => {
    const writes = heldWrites();
    gateway = await startTestGateway({ wrapStore: writes.wrap, upstreamEnv: { TB_ADMISSION_MAX_ACTIVE: '1', TB_ADMISSION_MAX_QUEUED: '0', TB_ADMISSION_RETRY_AFTER_S: '3' } });
    const [first, second] = await createStormAccounts(gateway.store, 2, 1, 12);
    const push = (account: typeof first) =>
      fetch(`${gateway!.url}/v1/sync/applications/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${account.token}` },
        body: JSON.stringify({ rows: account.applications.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })) }),
      });

    const holding = push(first);
    await writes.entered;
    const refused = await push(second);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    expect(await refused.json()).toMatchObject({ code: 'GATEWAY_BUSY' });
    const secondDb = gateway.couch.use(gateway.userDbName(second.userId, 'applications'));
    const nothing = await secondDb.list().catch(() => ({ rows: [] }));
    expect(nothing.rows.filter((row) => !row.id.startsWith('_design/'))).toEqual([]);

    writes.open();
    expect((await holding).status).toBe(200);
    const retried = await push(second);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ conflicts: [], errors: [] });
    expect(await checkLandedOnce(gateway.couch, gateway.dbNames, [first, second])).toEqual({ expected: 2, landed: 2, missing: 0, unexpected: 0, rewritten: 0 });
  });

  it('should let the live stream and sign-in past a full gate', async () => {
    const writes = heldWrites();
    gateway = await startTestGateway({ wrapStore: writes.wrap, upstreamEnv: { TB_ADMISSION_MAX_ACTIVE: '1', TB_ADMISSION_MAX_QUEUED: '0' } });
    const account = await gateway.createAccount();
    const token = await gateway.signIn(account.login, account.password);
    const holding = fetch(`${gateway.url}/v1/sync/applications/push`, {
      method: 'POST',
      headers: gateway.headers(token),
      body: JSON.stringify({ rows: [{ assumedMasterState: null, newDocumentState: sampleApplication('app-storm-held') }] }),
    });
    await writes.entered;

    expect(await gateway.signIn(account.login, account.password)).toBeTypeOf('string');
    const stream = new AbortController();
    const opened = await fetch(`${gateway.url}/v1/sync/applications/stream`, { headers: gateway.headers(token), signal: stream.signal });
    expect(opened.status).toBe(200);
    stream.abort();
    const pull = await fetch(`${gateway.url}/v1/sync/applications/pull?since=0&limit=10`, { headers: gateway.headers(token) });
    expect(pull.status).toBe(503);

    writes.open();
    expect((await holding).status).toBe(200);
  });

  it('should give an id that twenty users push at the same moment to exactly one of them', async () => {
    // The race is the registry's, not the gate's: on a busy machine a push must not be sent away with 503 here.
    gateway = await startTestGateway({ upstreamEnv: { TB_ADMISSION_MAX_QUEUED: '64', TB_ADMISSION_MAX_WAIT_MS: '120000' } });
    const accounts = await createStormAccounts(gateway.store, 20, 1, 13);
    const contested = sampleApplication('app-storm-contested');
    const answers = await Promise.all(
      accounts.map(async (account) => {
        // Each also claims an id of its own, so the claims share registry batches.
        const rows = [contested, account.applications[0]].map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
        const response = await fetch(`${gateway!.url}/v1/sync/applications/push`, { method: 'POST', headers: gateway!.headers(account.token), body: JSON.stringify({ rows }) });
        return (await response.json()) as { errors: { id: string; code: string }[] };
      }),
    );
    const refused = answers.map((answer) => answer.errors.filter((error) => error.id === contested.id).map((error) => error.code));
    expect(refused.filter((codes) => codes.length === 0)).toHaveLength(1);
    expect(refused.filter((codes) => codes.join() === 'NOT_OWNER')).toHaveLength(19);
    expect(answers.flatMap((answer) => answer.errors.filter((error) => error.id !== contested.id))).toEqual([]);
  });
});
