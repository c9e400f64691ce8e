import { jsonEqual } from '../../sync-protocol/index.js';
import type { StoredDocument } from '../domain/stored-document.js';
import type { DocumentScope, DocumentStore, ImportJournalEntry, ImportJournalStore, ImportWrite } from '../store/store.js';

function scopeKey(scope: DocumentScope): string {
  return `${scope.collection}/${scope.area ?? ''}/${scope.userId ?? ''}`;
}

/** The writes grouped by database, each group in the order of its first write. */
function groupByScope(writes: ImportWrite[]): { scope: DocumentScope; docs: ImportWrite['doc'][] }[] {
  const groups = new Map<string, { scope: DocumentScope; docs: ImportWrite['doc'][] }>();
  for (const write of writes) {
    const key = scopeKey(write.scope);
    if (!groups.has(key)) groups.set(key, { scope: write.scope, docs: [] });
    groups.get(key)!.docs.push(write.doc);
  }
  return [...groups.values()];
}

function holds(current: StoredDocument | undefined, planned: ImportWrite['doc']): boolean {
  return current !== undefined && current.deleted === planned.deleted && jsonEqual(current.data, planned.data);
}

/**
 * Brings each database to the planned documents, one `_bulk_docs` per
 * database. Idempotent: a document that already holds its planned content is
 * skipped, so applying the same writes again (rolling forward after a crash)
 * writes only what is missing. Throws when the store refuses a write; the
 * journal entry then stays `applying` for the next roll-forward.
 */
export async function applyImportWrites(deps: { documents: DocumentStore }, writes: ImportWrite[]): Promise<{ written: number }> {
  let written = 0;
  for (const { scope, docs } of groupByScope(writes)) {
    const current = await deps.documents.readDocuments(
      scope,
      docs.map((doc) => doc._id),
    );
    const pending: StoredDocument[] = docs
      .filter((doc) => !holds(current.get(doc._id), doc))
      .map((doc) => {
        const rev = current.get(doc._id)?._rev;
        return rev === undefined ? { ...doc } : { ...doc, _rev: rev };
      });
    const outcomes = await deps.documents.writeDocuments(scope, pending);
    const refused = outcomes.filter((outcome) => !outcome.ok);
    if (refused.length > 0) throw new Error(`the store refused ${refused.length} import writes in ${scope.collection} ${scope.area ?? ''}: ${refused.map((o) => o.id).join(', ')}`);
    written += outcomes.length;
  }
  return { written };
}

/** Applies a journalled import and marks it applied. */
export async function applyJournalEntry(
  deps: { documents: DocumentStore; imports: ImportJournalStore; now: () => string },
  entry: ImportJournalEntry,
): Promise<{ written: number }> {
  const outcome = await applyImportWrites(deps, entry.writes);
  await deps.imports.update({ ...entry, state: 'applied', appliedAt: deps.now() });
  return outcome;
}

/**
 * Finishes every import a previous run left half applied, oldest first.
 * Runs when the gateway starts and before each import, so the store never
 * stays in a state no import planned.
 */
export async function rollForwardImports(deps: { documents: DocumentStore; imports: ImportJournalStore; now: () => string }): Promise<{ id: string; written: number }[]> {
  const rolled: { id: string; written: number }[] = [];
  for (const entry of await deps.imports.listApplying()) {
    const { written } = await applyJournalEntry(deps, entry);
    rolled.push({ id: entry.id, written });
  }
  return rolled;
}
