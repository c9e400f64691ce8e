import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDocumentId, sampleApplication } from '../support/sample-documents.js';
import { startTestGateway, type TestAccount, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type SyncHttpClient } from '../support/sync-http-client.js';

describe('the live stream', () => {
  let gateway: TestGateway;
  let alice: TestAccount;
  let asAlice: SyncHttpClient;

  beforeAll(async () => {
    gateway = await startTestGateway({ streamPingMs: 200 });
    alice = await gateway.createAccount('applicant');
    asAlice = createSyncHttpClient(gateway.url, await gateway.signIn(alice.login, alice.password));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('should answer text/event-stream with buffering and transforms turned off', async () => {
    const token = await gateway.signIn(alice.login, alice.password);
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/v1/sync/applications/stream`, { headers: gateway.headers(token), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toContain('no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    controller.abort();
  });

  it('should send resync first, then a change after a push', async () => {
    const stream = await asAlice.openStream('applications');
    try {
      await stream.waitFor((event) => event.type === 'resync');
      expect(stream.events[0]).toEqual({ type: 'resync' });
      const doc = sampleApplication(newDocumentId());
      await asAlice.push('applications', [{ newDocumentState: doc }]);
      const change = await stream.waitFor((event) => event.type === 'change' && event.documents.some((d) => d.id === doc.id));
      if (change.type !== 'change') throw new Error('unreachable');
      expect(change.documents.find((d) => d.id === doc.id)).toMatchObject({ ...doc, _deleted: false, server: { owner: alice.userId } });
      expect(typeof change.checkpoint.seq).toBe('string');

      // The stream's checkpoint is a real pull checkpoint: nothing older comes back from it.
      const after = await asAlice.pull('applications', change.checkpoint);
      expect(after.body.documents.map((d) => d.id)).not.toContain(doc.id);
    } finally {
      stream.close();
    }
  });

  it('should send pings while idle', async () => {
    const stream = await asAlice.openStream('applications');
    try {
      await stream.waitFor((event) => event.type === 'ping');
    } finally {
      stream.close();
    }
  });

  it('should never stream another user’s changes', async () => {
    const bob = await gateway.createAccount('applicant');
    const asBob = createSyncHttpClient(gateway.url, await gateway.signIn(bob.login, bob.password));
    const stream = await asAlice.openStream('applications');
    try {
      await stream.waitFor((event) => event.type === 'resync');
      const bobs = sampleApplication(newDocumentId('bob'));
      await asBob.push('applications', [{ newDocumentState: bobs }]);
      const mine = sampleApplication(newDocumentId('alice'));
      await asAlice.push('applications', [{ newDocumentState: mine }]);
      await stream.waitFor((event) => event.type === 'change' && event.documents.some((d) => d.id === mine.id));
      const streamed = stream.events.flatMap((event) => (event.type === 'change' ? event.documents.map((d) => d.id) : []));
      expect(streamed).not.toContain(bobs.id);
    } finally {
      stream.close();
    }
  });

  it('should stream a public collection without a token and refuse private streams without one', async () => {
    const stream = await createSyncHttpClient(gateway.url).openStream('areas');
    try {
      await stream.waitFor((event) => event.type === 'resync');
    } finally {
      stream.close();
    }
    await expect(createSyncHttpClient(gateway.url).openStream('applications')).rejects.toThrow(/401/);
  });
});
