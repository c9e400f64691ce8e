/**
 * Documents over the wire as the device sends and fetches them: pushes and
 * pulls through the device's own gateway client (device-core/client/gateway-client.ts),
 * and a whole device (RxDB on fake-indexeddb, startReplication) syncing with
 * nothing to do.
 */
import { LIMITS, type ApplicationDoc, type Checkpoint, type PushRow, type WireDocument } from '../../sync-protocol/index.js';
import { createTestDatabases } from '../../pwa/src/db/test-database.js';
import { createGatewayClient, type GatewayClient } from '../../device-core/client/gateway-client.js';
import { splitPushRows } from '../../device-core/client/push-batches.js';
import { PUSH_BATCH_SIZE } from '../../pwa/src/sync/replicate-collection.js';
import { startReplication } from '../../pwa/src/sync/start-replication.js';
import type { LinkSimulator } from '../../test/support/link-simulator.js';

export interface WireFigures {
  requests: number;
  wireBytes: number;
  payloadBytes: number;
  /** Content-Encoding of the requests (push), or the Accept-Encoding of the pulls. */
  encoding: string;
}

/** Measures what `work` puts on the link: requests and bytes both ways. */
async function measure(link: LinkSimulator, work: () => Promise<number>): Promise<Omit<WireFigures, 'encoding'>> {
  const before = { requests: link.requests, bytes: link.bytes };
  const payloadBytes = await work();
  const after = link.bytes;
  return {
    requests: link.requests - before.requests,
    wireBytes: after.upstream - before.bytes.upstream + after.downstream - before.bytes.downstream,
    payloadBytes,
  };
}

export function deviceClient(baseUrl: string, token: string, options: { compressBodies?: boolean; acceptEncoding?: string } = {}): GatewayClient {
  const seen = { encoding: 'identity' };
  const client = createGatewayClient({
    baseUrl,
    getToken: () => token,
    compressBodies: options.compressBodies,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      if (options.acceptEncoding) headers.set('accept-encoding', options.acceptEncoding);
      const response = await fetch(input, { ...init, headers });
      // Requests: the body's encoding. Answers: what was accepted (fetch decodes and hides the answer's own).
      seen.encoding = init?.method === 'POST' ? (headers.get('content-encoding') ?? 'identity') : `accepts ${options.acceptEncoding ?? 'gzip, deflate'}`;
      return response;
    },
  });
  return Object.assign(client, { seen });
}

const encodingOf = (client: GatewayClient) => (client as GatewayClient & { seen?: { encoding: string } }).seen?.encoding ?? '?';

/** Pushes the applications in the batches RxDB hands the push handler (`batchSize`), split by size like the handler does. */
export async function pushApplications(
  link: LinkSimulator,
  client: GatewayClient,
  apps: WireDocument<ApplicationDoc>[],
  batchSize: number = PUSH_BATCH_SIZE,
): Promise<WireFigures> {
  let encoding = 'identity';
  const figures = await measure(link, async () => {
    let payload = 0;
    for (let i = 0; i < apps.length; i += batchSize) {
      const rows: PushRow<ApplicationDoc>[] = apps.slice(i, i + batchSize).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
      for (const batch of splitPushRows(rows)) {
        payload += Buffer.byteLength(JSON.stringify({ rows: batch }));
        const answer = await client.push('applications', batch);
        encoding = encodingOf(client);
        if (answer.errors.length > 0 || answer.conflicts.length > 0) throw new Error(`push refused: ${JSON.stringify(answer.errors[0] ?? answer.conflicts[0]).slice(0, 200)}`);
      }
    }
    return payload;
  });
  return { ...figures, encoding };
}

/** Pulls a whole collection from the beginning, `limit` per page, until a short page: as RxDB's pull does. */
export async function pullApplications(link: LinkSimulator, client: GatewayClient, limit: number = LIMITS.defaultPullBatch): Promise<WireFigures & { documents: number }> {
  let documents = 0;
  let encoding = 'identity';
  const figures = await measure(link, async () => {
    let payload = 0;
    let checkpoint: Checkpoint | undefined;
    for (;;) {
      const page = await client.pull<ApplicationDoc>('applications', checkpoint, limit);
      encoding = encodingOf(client);
      payload += Buffer.byteLength(JSON.stringify(page));
      documents += page.documents.length;
      checkpoint = page.checkpoint;
      if (page.documents.length < limit) return payload;
    }
  });
  return { ...figures, documents, encoding };
}

/**
 * A signed-in device following the applicant's feeds and three area feeds:
 * syncs once, then syncs again with nothing new. Answers the requests of the
 * second sync. `withChangesCheck: false` is the baseline: the gateway's
 * "anything new?" is made to fail, so every feed pulls as before.
 */
export async function idleSyncRequests(
  link: LinkSimulator,
  baseUrl: string,
  token: string,
  userId: string,
  withChangesCheck: boolean,
): Promise<{ requests: number; feeds: number }> {
  const databases = await createTestDatabases();
  try {
    const db = await databases.openUser(userId);
    const real = createGatewayClient({ baseUrl, getToken: () => token });
    const client = withChangesCheck ? real : withoutChanges(real);
    const areas = ['330000', '331100', '331123'];
    const run = async () => {
      const handle = startReplication({ device: databases.device, client, user: { id: userId, db }, areas, live: false, waitForLeadership: false });
      await handle.awaitInSync();
      await handle.stop();
    };
    await run();
    const before = link.requests;
    await run();
    return { requests: link.requests - before, feeds: 3 + areas.length };
  } finally {
    await databases.close();
  }
}

function withoutChanges(client: GatewayClient): GatewayClient {
  return { ...client, anonymous: () => withoutChanges(client.anonymous()), changes: () => Promise.reject(new Error('baseline: no changes check')) };
}
