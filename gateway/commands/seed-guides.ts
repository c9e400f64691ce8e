import type { ValidateFunction } from 'ajv';
import { validateWith, type GuideDoc } from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { toStoredDocument, type StoredDocument } from '../store/document-mapping.js';
import type { DocumentStore } from '../store/store.js';

const GUIDES_SCOPE = { collection: 'guides' } as const;

/**
 * Publishes guides: a guide is written when it is new or its `version` is
 * newer than the published one; `updatedAt` becomes the publication time on
 * the server clock. An invalid guide stops the start with its id and field.
 */
export async function seedGuides(
  deps: { documents: DocumentStore; clock: Clock; validate: ValidateFunction },
  guides: unknown[],
): Promise<{ written: number; unchanged: number }> {
  const checked = guides.map((guide) => {
    const result = validateWith(deps.validate, guide);
    if (!result.ok) {
      const id = (guide as { id?: unknown })?.id;
      throw new Error(`Seed guide ${String(id)} is invalid: ${result.issues.map((i) => `${i.field} ${i.reason}`).join('; ')}`);
    }
    return guide as GuideDoc;
  });
  const published = await deps.documents.readDocuments(GUIDES_SCOPE, checked.map((guide) => guide.id));
  const now = deps.clock.now().toISOString();
  const writes: StoredDocument[] = [];
  for (const guide of checked) {
    const current = published.get(guide.id);
    if (current && Number(current.data.version) >= guide.version) continue;
    const wire = { ...(guide as unknown as Record<string, unknown>), updatedAt: now, _deleted: false };
    writes.push(toStoredDocument(wire, { receivedAt: now }, current?._rev));
  }
  // A conflict means another gateway published at the same moment: its write stands.
  const outcomes = await deps.documents.writeDocuments(GUIDES_SCOPE, writes);
  const written = outcomes.filter((outcome) => outcome.ok).length;
  return { written, unchanged: checked.length - written };
}
