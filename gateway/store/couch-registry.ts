import type { ServerScope } from 'nano';
import type { CollectionName } from '../../sync-protocol/index.js';
import { bulkAnswersInRequestOrder } from './bulk-answers.js';
import { guardCouch } from './couch-errors.js';
import type { ClaimOutcome, RegistryStore } from './store.js';

interface RegistryEntry {
  _id: string;
  owner: string;
}

/** One push's claim, waiting for its batch. */
interface PendingClaim {
  entries: RegistryEntry[];
  resolve(outcomes: ClaimOutcome[]): void;
  reject(error: unknown): void;
}

/** Entries sent in one `_bulk_docs` at most (a push claims at most 100). */
const MAX_BATCH_ENTRIES = 2_000;

/**
 * The global id registry (`_id: "<collection>:<docId>"` → `{ owner }`).
 * Creating the entry is the claim: CouchDB lets exactly one writer create an
 * id, so two users racing for the same id cannot both win.
 *
 * Every push claims its new ids here, in the one database all users share:
 * claims that arrive while a batch is on its way go together in the next
 * one (one `_bulk_docs`, and one read of the ids already taken), so a county
 * reconnecting at once costs the registry a few requests instead of one per
 * push. A lone claim goes at once: no waiting is added when it is quiet.
 */
export class CouchRegistryStore implements RegistryStore {
  private readonly pending: PendingClaim[] = [];
  private sending = false;

  constructor(
    private readonly couch: ServerScope,
    private readonly dbName: string,
  ) {}

  async claim(collection: CollectionName, ids: string[], owner: string): Promise<Map<string, ClaimOutcome>> {
    const result = new Map<string, ClaimOutcome>();
    if (ids.length === 0) return result;
    const entries = ids.map((id) => ({ _id: `${collection}:${id}`, owner }));
    const outcomes = await new Promise<ClaimOutcome[]>((resolve, reject) => {
      this.pending.push({ entries, resolve, reject });
      void this.sendNext();
    });
    ids.forEach((id, i) => result.set(id, outcomes[i]));
    return result;
  }

  private async sendNext(): Promise<void> {
    if (this.sending || this.pending.length === 0) return;
    this.sending = true;
    const batch = this.takeBatch();
    try {
      const outcomes = await this.claimEntries(batch.flatMap((claim) => claim.entries));
      let at = 0;
      for (const claim of batch) {
        claim.resolve(outcomes.slice(at, at + claim.entries.length));
        at += claim.entries.length;
      }
    } catch (error) {
      for (const claim of batch) claim.reject(error);
    } finally {
      this.sending = false;
      void this.sendNext();
    }
  }

  /**
   * Claims in arrival order, up to the batch size, without two of the same id
   * (two users racing for one id are decided by two requests, so the store's
   * own create-once rule decides them).
   */
  private takeBatch(): PendingClaim[] {
    const batch: PendingClaim[] = [];
    const ids = new Set<string>();
    let size = 0;
    for (let i = 0; i < this.pending.length;) {
      const claim = this.pending[i];
      const clash = claim.entries.some((entry) => ids.has(entry._id));
      if (clash || (batch.length > 0 && size + claim.entries.length > MAX_BATCH_ENTRIES)) {
        i += 1;
        continue;
      }
      batch.push(claim);
      size += claim.entries.length;
      for (const entry of claim.entries) ids.add(entry._id);
      this.pending.splice(i, 1);
    }
    return batch;
  }

  /** Per entry: created by this write (`claimed`), or existing, held by its owner or taken by another. */
  private async claimEntries(entries: RegistryEntry[]): Promise<ClaimOutcome[]> {
    const db = this.couch.use<RegistryEntry>(this.dbName);
    const answer = bulkAnswersInRequestOrder(entries, await guardCouch(() => db.bulk({ docs: entries })));
    const created = answer.map((row) => Boolean(row?.rev && !row.error));
    const existed = entries.filter((_entry, i) => !created[i]);
    if (existed.length === 0) return created.map(() => 'claimed');
    const existing = await guardCouch(() => db.fetch({ keys: [...new Set(existed.map((entry) => entry._id))] }));
    const owners = new Map<string, string | undefined>();
    for (const row of existing.rows) owners.set((row as { key: string }).key, (row as { doc?: RegistryEntry | null }).doc?.owner);
    return entries.map((entry, i) => (created[i] ? 'claimed' : owners.get(entry._id) === entry.owner ? 'held' : 'taken'));
  }
}
