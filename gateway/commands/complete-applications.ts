import type { Clock } from '../clock.js';
import type { StoredDocument } from '../domain/stored-document.js';
import type { DocumentStore, MaterialStore, OutboxStore } from '../store/store.js';
import { isForwardable } from '../domain/plan-deliveries.js';
import { enqueueDeliveries } from './enqueue-deliveries.js';
import { whileMarkedDirty } from './mark-dirty.js';
import { materialsOf, withCompleteness } from './material-completeness.js';

export interface CompleteApplicationsDeps {
  documents: DocumentStore;
  materials: MaterialStore;
  clock: Clock;
  /** Where complete, submitted applications are queued for the province (absent in unit tests). */
  outbox?: OutboxStore;
}

export interface CompleteApplicationsInput {
  userId: string;
  /** Only applications referring to this material (the one that just arrived); all awaiting ones when absent. */
  sha256?: string;
}

/** A write can lose to a device's push; the next attempt reads the new master. */
const MAX_ATTEMPTS = 3;

/**
 * Stamps `server.completeAt` on the user's applications whose last missing
 * material has arrived. Finds them through the `materialsComplete: false`
 * index. Idempotent: an application already complete is not waiting, and a
 * lost race with a push is retried against the new master (a push computes
 * completeness itself, so the retry usually finds nothing left to do).
 * Answers how many applications became complete.
 */
export async function completeApplications(deps: CompleteApplicationsDeps, input: CompleteApplicationsInput): Promise<number> {
  const scope = { collection: 'applications' as const, userId: input.userId };
  let completed = 0;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const awaiting = (await deps.documents.listAwaitingMaterials(input.userId)).filter((doc) => input.sha256 === undefined || materialsOf(doc).includes(input.sha256));
    if (awaiting.length === 0) return completed;
    const held = await deps.materials.findHeld(input.userId, [...new Set(awaiting.flatMap(materialsOf))]);
    const now = deps.clock.now().toISOString();
    const ready: StoredDocument[] = awaiting.map((doc) => withCompleteness(doc, held, doc, now)).filter((doc) => doc.materialsComplete === true);
    if (ready.length === 0) return completed;
    // Under a dirty mark: a kill between this write and the enqueue is repaired by the periodic sweep.
    const outcomes = await whileMarkedDirty(deps, input.userId, ready.some(isForwardable), async () => {
      const written = await deps.documents.writeDocuments(scope, ready);
      if (deps.outbox)
        await enqueueDeliveries(
          { outbox: deps.outbox, clock: deps.clock },
          input.userId,
          ready.filter((_doc, i) => written[i].ok),
        );
      return written;
    });
    completed += outcomes.filter((outcome) => outcome.ok).length;
    if (outcomes.every((outcome) => outcome.ok || !outcome.conflict)) return completed;
  }
  return completed;
}
