import type { StatusDoc } from '../../sync-protocol/index.js';
import type { DocumentStore } from '../store/store.js';

/**
 * Writes a status document into its owner's statuses database, once: ids are
 * deterministic (`<application>.forwarded`, `<application>.<province event id>`),
 * and writing an id that exists is a conflict we treat as done. So a status
 * recorded twice (a retry, two gateway instances, a replayed change feed)
 * appears once on the device. Answers whether it was new.
 */
export async function recordStatus(documents: DocumentStore, owner: string, status: StatusDoc, now: string): Promise<boolean> {
  const [outcome] = await documents.writeDocuments({ collection: 'statuses', userId: owner }, [
    { _id: status.id, data: { ...status }, server: { receivedAt: now, owner }, deleted: false },
  ]);
  if (outcome.ok) return true;
  if (outcome.conflict) return false;
  throw new Error(`status ${status.id} was refused: ${outcome.reason}`);
}

/** Id of the status the gateway writes when the province took the application. */
export function forwardedStatusId(applicationId: string): string {
  return `${applicationId}.forwarded`;
}

/** Id of the status made from one province event. */
export function provinceStatusId(applicationId: string, eventId: string): string {
  return `${applicationId}.${eventId}`;
}
