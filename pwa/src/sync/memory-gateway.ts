import {
  decidePushRow,
  toProblemBody,
  type CollectionName,
  type PushDocumentError,
  type WireDocument,
} from '../../../sync-protocol/index.js';
import type { GatewayClient } from './gateway-client.js';
import { GatewayError } from './gateway-error.js';

type Doc = WireDocument<Record<string, unknown> & { id: string }>;

/**
 * An in-memory stand-in for the gateway, for unit tests of the replication
 * wiring: the protocol's own push rule (decidePushRow), a server stamp on
 * every write, opaque string checkpoints. Not a contract implementation: the
 * real gateway is tested over HTTP in test/.
 */
export function createMemoryGateway() {
  let seq = 0;
  const store = new Map<string, { doc: Doc; seq: number }>();
  const key = (c: string, id: string) => `${c}/${id}`;
  const state = { failWith: null as GatewayError | null, refuse: (_doc: Doc): string | null => null };

  function write(collection: CollectionName, doc: Doc) {
    seq += 1;
    store.set(key(collection, doc.id), { doc, seq });
  }

  const client: GatewayClient = {
    baseUrl: 'memory://gateway',
    anonymous: () => client,
    signIn: async () => {
      throw new Error('not in memory gateway');
    },
    async pull(collection, checkpoint, limit) {
      if (state.failWith) throw state.failWith;
      const since = Number(checkpoint?.seq ?? '0');
      const rows = [...store.entries()]
        .filter(([k, v]) => k.startsWith(`${collection}/`) && v.seq > since)
        .map(([, v]) => v)
        .sort((a, b) => a.seq - b.seq)
        .slice(0, limit);
      const last = rows.at(-1)?.seq ?? since;
      return { documents: rows.map((r) => structuredClone(r.doc)) as never, checkpoint: { seq: String(last) } };
    },
    async push(collection, rows) {
      if (state.failWith) throw state.failWith;
      const conflicts: Doc[] = [];
      const errors: PushDocumentError[] = [];
      for (const row of rows as { assumedMasterState?: Doc | null; newDocumentState: Doc }[]) {
        const next = row.newDocumentState;
        const field = state.refuse(next);
        if (field) {
          errors.push({ ...toProblemBody('DOCUMENT_INVALID', { field }), id: next.id });
          continue;
        }
        const master = store.get(key(collection, next.id))?.doc ?? null;
        const decision = decidePushRow(master, row.assumedMasterState, next);
        if (decision === 'conflict') conflicts.push(structuredClone(master!));
        if (decision === 'write') write(collection, { ...structuredClone(next), server: { receivedAt: new Date(1_700_000_000_000 + seq * 1000).toISOString() } });
      }
      return { conflicts: conflicts as never, errors };
    },
    openStream: () => new Promise(() => {}),
  };

  const seed = (collection: CollectionName, doc: object) => write(collection, doc as Doc);
  return { client, state, seed, read: (collection: CollectionName, id: string) => store.get(key(collection, id))?.doc };
}
