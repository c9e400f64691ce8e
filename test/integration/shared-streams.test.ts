import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newDocumentId, sampleApplication, type WireDoc } from '../support/sample-documents.js';
import { countConnectionsTo } from '../support/open-connections.js';
import { startTestGateway, type TestGateway } from '../support/start-test-gateway.js';
import { createSyncHttpClient, type OpenStream, type SyncHttpClient } from '../support/sync-http-client.js';
import type { StreamEvent } from '../../sync-protocol/index.js';

const USERS = 80;
const PUBLIC_STREAMS = 120;
const AREA = '331123';
/**
 * The gateway reads followed databases at most 8 at a time beside one
 * `_db_updates` longpoll; the rest is room for keep-alive connections of
 * other requests. One longpoll per stream holds 200 for as long as they stay.
 */
const MAX_STORE_CONNECTIONS = 20;

interface User {
  userId: string;
  client: SyncHttpClient;
}

const isResync = (event: StreamEvent<WireDoc>) => event.type === 'resync';
const carries = (id: string) => (event: StreamEvent<WireDoc>) => event.type === 'change' && event.documents.some((doc) => doc.id === id);
const streamedIds = (stream: OpenStream) => stream.events.flatMap((event) => (event.type === 'change' ? event.documents.map((doc) => String(doc.id)) : []));

/** Runs `work` over `items`, `width` at a time (sign-ins hash passwords: all at once would only queue). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

function storePort(gateway: TestGateway): number {
  return Number(new URL(gateway.store.couch.config.url).port);
}

/**
 * Waits until the gateway holds at most `max` connections to its store. The
 * burst of opening (sign-in checks, area lookups) leaves idle keep-alive
 * connections that close on their own; connections held by the streams do not.
 */
async function waitForStoreConnectionsAtMost(gateway: TestGateway, max: number, timeoutMs = 20_000): Promise<void> {
  await vi.waitFor(() => expect(countConnectionsTo(storePort(gateway))).toBeLessThanOrEqual(max), { timeout: timeoutMs, interval: 200 });
}

describe('many live streams at once', () => {
  let gateway: TestGateway;
  let users: User[];
  const userStreams: OpenStream[] = [];
  const publicStreams: OpenStream[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ seed: true, streamPingMs: 60_000 });
    users = await inBatches([...Array(USERS).keys()], 4, async () => {
      const account = await gateway.createAccount('applicant');
      return { userId: account.userId, client: createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password)) };
    });
    const anonymous = createSyncHttpClient(gateway.url);
    // Every stream asked for in the same moment, as a county coming back online.
    const opened = await Promise.allSettled([
      ...users.map((user) => user.client.openStream('applications')),
      ...Array.from({ length: PUBLIC_STREAMS }, () => anonymous.openStream('guides', AREA)),
    ]);
    opened.forEach((result, i) => {
      if (result.status === 'rejected') refused.push(String(result.reason));
      else (i < USERS ? userStreams : publicStreams).push(result.value);
    });
  }, 120_000);

  afterAll(async () => {
    for (const stream of [...userStreams, ...publicStreams]) stream.close();
    await gateway?.close();
  });

  it('should answer every stream with 200 and resync first, over a bounded number of store connections', { timeout: 60_000 }, async () => {
    expect(refused).toEqual([]);
    expect(userStreams.length + publicStreams.length).toBe(USERS + PUBLIC_STREAMS);
    await Promise.all([...userStreams, ...publicStreams].map((stream) => stream.waitFor(isResync, 30_000)));
    for (const stream of [...userStreams, ...publicStreams]) expect(stream.events[0]).toEqual({ type: 'resync' });
    await waitForStoreConnectionsAtMost(gateway, MAX_STORE_CONNECTIONS);
  });

  it('should bring a change written after the streams opened to every follower of its database, and to no one else', { timeout: 90_000 }, async () => {
    await Promise.all([...userStreams, ...publicStreams].map((stream) => stream.waitFor(isResync, 30_000)));
    const pushed = await inBatches<User, string>(users, 8, async (user) => {
      const doc = sampleApplication(newDocumentId(user.userId));
      const answer = await user.client.push('applications', [{ newDocumentState: doc }]);
      expect(answer.status).toBe(200);
      return doc.id;
    });
    const guides = gateway.couch.use<Record<string, unknown>>(gateway.dbNames.guidesDb(AREA));
    const [guideRow] = (await guides.list({ include_docs: true, limit: 1 })).rows;
    const guide = guideRow.doc!;
    await guides.insert({ ...guide, data: { ...(guide.data as object) } });

    await Promise.all(userStreams.map((stream, i) => stream.waitFor(carries(pushed[i]), 30_000)));
    await Promise.all(publicStreams.map((stream) => stream.waitFor(carries(guide._id as string), 30_000)));
    userStreams.forEach((stream, i) => {
      const others = streamedIds(stream).filter((id) => pushed.includes(id) && id !== pushed[i]);
      expect(others).toEqual([]);
    });
    await waitForStoreConnectionsAtMost(gateway, MAX_STORE_CONNECTIONS);
  });
});

describe('resync before change on a shared feed', () => {
  let gateway: TestGateway;
  let user: SyncHttpClient;

  beforeAll(async () => {
    gateway = await startTestGateway({ streamPingMs: 60_000 });
    const account = await gateway.createAccount('applicant');
    user = createSyncHttpClient(gateway.url, await gateway.signIn(account.login, account.password));
  });

  afterAll(async () => {
    await gateway?.close();
  });

  /**
   * Pushes documents one after another while a stream opens; every document
   * whose push began after the stream showed `resync` must reach it.
   */
  async function pushWhileOpening(): Promise<{ stream: OpenStream; after: string[] }> {
    let stream: OpenStream | null = null;
    const after: string[] = [];
    for (let i = 0; i < 30; i++) {
      if (i === 5) void user.openStream('applications').then((opened) => (stream = opened));
      const resynced = (stream as OpenStream | null)?.events.some(isResync) ?? false;
      const doc = sampleApplication(newDocumentId(`doc${i}`));
      await user.push('applications', [{ newDocumentState: doc }]);
      if (resynced) after.push(doc.id);
    }
    if (!stream) throw new Error('the stream never opened');
    return { stream, after };
  }

  it('should deliver every change written after resync to the stream that starts its database’s feed', async () => {
    const { stream, after } = await pushWhileOpening();
    try {
      expect(after.length).toBeGreaterThan(0);
      for (const id of after) await stream.waitFor(carries(id));
    } finally {
      stream.close();
    }
  });

  it('should deliver every change written after resync to a stream joining a feed already shared', async () => {
    const first = await user.openStream('applications');
    await first.waitFor(isResync);
    const { stream, after } = await pushWhileOpening();
    try {
      expect(after.length).toBeGreaterThan(0);
      for (const id of after) await stream.waitFor(carries(id));
      // The stream already open keeps getting every change too.
      for (const id of after) await first.waitFor(carries(id));
    } finally {
      stream.close();
      first.close();
    }
  });
});
