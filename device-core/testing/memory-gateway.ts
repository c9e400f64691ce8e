import { COLLECTIONS, decidePushRow, toProblemBody, type CollectionName, type PushDocumentError, type WireDocument } from '../../sync-protocol/index.js';
import type { GatewayClient } from '../client/gateway-client.js';
import { GatewayError } from '../client/gateway-error.js';

type Doc = WireDocument<Record<string, unknown> & { id: string }>;

/**
 * An in-memory stand-in for the gateway, for unit tests of the replication
 * wiring: the protocol's own push rule (decidePushRow), a server stamp on
 * every write, opaque string checkpoints, private collections kept per user
 * (`clientFor`), guides partitioned by their `areaCode`. Not a contract implementation: the real gateway is tested
 * over HTTP in test/.
 */
export function createMemoryGateway() {
  let seq = 0;
  const store = new Map<string, { doc: Doc; seq: number }>();
  // Private documents are keyed by user, as the gateway keeps a database per user.
  const key = (c: CollectionName, user: string, id: string) => `${c}/${COLLECTIONS[c].public ? '' : user}/${id}`;
  const state = {
    failWith: null as GatewayError | null,
    refuse: (_doc: Doc): string | null => null,
    changesRequests: 0,
    pullRequests: 0,
    /** Areas the gateway does not publish: `changes` answers their feeds as unknown. */
    unknownAreas: new Set<string>(),
  };

  function write(collection: CollectionName, user: string, doc: Doc) {
    seq += 1;
    store.set(key(collection, user, doc.id), { doc, seq });
  }

  /** A client acting for whoever `userOf` names; `''` is the one user of tests that need no accounts. */
  const clientFor = (userOf: () => string | null): GatewayClient => {
    const userFor = (collection: CollectionName) => {
      const user = userOf();
      if (user === null && !COLLECTIONS[collection].public) throw new GatewayError('needs-sign-in', 401, toProblemBody('UNAUTHENTICATED'));
      return user ?? '';
    };
    /** A pull page, without counting it as a pull request. */
    const readPage = async (collection: CollectionName, checkpoint: { seq: string } | undefined, limit: number, area?: string) => {
      const user = userFor(collection);
      const since = Number(checkpoint?.seq ?? '0');
      const rows = [...store.entries()]
        .filter(([k, v]) => k.startsWith(key(collection, user, '')) && v.seq > since)
        .filter(([, v]) => !COLLECTIONS[collection].partitionedByArea || v.doc.areaCode === area)
        .map(([, v]) => v)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit);
      const last = rows.at(-1)?.seq ?? since;
      return { documents: rows.map((r) => structuredClone(r.doc)), checkpoint: { seq: String(last) } };
    };
    const client: GatewayClient = {
      baseUrl: 'memory://gateway',
      anonymous: () => clientFor(() => null),
      signIn: async () => {
        throw new Error('not in memory gateway');
      },
      async pull(collection, checkpoint, limit, area) {
        if (state.failWith) throw state.failWith;
        state.pullRequests += 1;
        return (await readPage(collection, checkpoint, limit, area)) as never;
      },
      async push(collection, rows) {
        if (state.failWith) throw state.failWith;
        const user = userFor(collection);
        const conflicts: Doc[] = [];
        const errors: PushDocumentError[] = [];
        for (const row of rows as { assumedMasterState?: Doc | null; newDocumentState: Doc }[]) {
          const next = row.newDocumentState;
          const field = state.refuse(next);
          if (field) {
            errors.push({ ...toProblemBody('DOCUMENT_INVALID', { field }), id: next.id });
            continue;
          }
          const master = store.get(key(collection, user, next.id))?.doc ?? null;
          const decision = decidePushRow(master, row.assumedMasterState, next);
          if (decision === 'conflict') conflicts.push(structuredClone(master!));
          if (decision === 'write') write(collection, user, { ...structuredClone(next), server: { receivedAt: new Date(1_700_000_000_000 + seq * 1000).toISOString() } });
        }
        return { conflicts: conflicts as never, errors };
      },
      async changes(feeds) {
        if (state.failWith) throw state.failWith;
        state.changesRequests += 1;
        const changed: number[] = [];
        const unknown: number[] = [];
        for (const [index, feed] of feeds.entries()) {
          if (feed.area && state.unknownAreas.has(feed.area)) {
            unknown.push(index);
            continue;
          }
          const page = await readPage(feed.collection, { seq: feed.since }, 1, feed.area);
          if (page.documents.length > 0) changed.push(index);
        }
        return { changed, unknown };
      },
      openStream: () => new Promise(() => {}),
    };
    return client;
  };

  const seed = (collection: CollectionName, doc: object, user = '') => write(collection, user, doc as Doc);
  const read = (collection: CollectionName, id: string, user = '') => store.get(key(collection, user, id))?.doc;
  return { client: clientFor(() => ''), clientFor, state, seed, read };
}
