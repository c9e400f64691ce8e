import { intakeMaterialHashes } from '../../province/intake-contract.js';
import { referencedMaterials, type ApplicationDoc } from '../../sync-protocol/index.js';
import type { DocumentStore, MaterialStore, OutboxStore } from '../store/store.js';
import { NotYet } from './failure-outcome.js';
import { submitEntryId, type OutboxEntry } from '../domain/outbox-entry.js';
import { idempotencyKey, mayGoUpstream, toIntakeApplication, toIntakeRating, toIntakeSupplement } from '../domain/plan-deliveries.js';
import { UpstreamError, type ProvinceAdapter } from './province-adapter.js';

export interface DeliverDeps {
  outbox: OutboxStore;
  documents: DocumentStore;
  materials: MaterialStore;
  province: ProvinceAdapter;
}

export interface Delivered {
  /** The province's case (submissions). */
  result?: { caseId: string; receivedAt: string };
  /** The province recognised the Idempotency-Key and answered its first answer again. */
  replayed: boolean;
}

/**
 * Sends one claimed entry to the province: the application as the gateway
 * holds it now, through the one gate (`mayGoUpstream`), its materials first.
 * Throws `UpstreamError` (permanent or not) or `NotYet`; anything else is the
 * gateway's own failure.
 */
export async function deliverEntry(deps: DeliverDeps, entry: OutboxEntry): Promise<Delivered> {
  const found = await deps.documents.readDocuments({ collection: 'applications', userId: entry.owner }, [entry.applicationId]);
  const stored = found.get(entry.applicationId);
  if (!stored || stored.deleted) throw new UpstreamError('the application no longer exists at the gateway', true);
  const app = stored.data as ApplicationDoc;
  // The one gate (plan-deliveries.ts), asked again at the moment of sending: an application
  // no longer submitted never goes; one waiting for a material (a supplement's) waits for it.
  if (!mayGoUpstream(stored, true)) throw new UpstreamError('the application is not submitted at the gateway', true);
  const hashes = referencedMaterials(app);
  const held = await deps.materials.findHeld(entry.owner, hashes);
  if (
    !mayGoUpstream(
      stored,
      hashes.every((sha256) => held.has(sha256)),
    )
  )
    throw new NotYet();
  if (entry.kind === 'submit') {
    if (idempotencyKey('submit', app) !== entry.key) throw new UpstreamError('the application changed after it was queued; edits after submission are not forwarded', true);
    const body = toIntakeApplication(app, entry.readyAt);
    await uploadMaterials(deps, entry.owner, intakeMaterialHashes(body));
    const { caseId, receivedAt, replayed } = await deps.province.submitApplication(entry.key, body);
    return { result: { caseId, receivedAt }, replayed: replayed === true };
  }
  const caseId = await caseOf(deps.outbox, entry);
  if (entry.kind === 'supplement') {
    const body = toIntakeSupplement(app, entry.supplementId ?? '');
    if (!body) throw new UpstreamError('the supplement is no longer on the application', true);
    await uploadMaterials(deps, entry.owner, intakeMaterialHashes(body));
    const ack = await deps.province.submitSupplement(entry.key, caseId, body);
    return { replayed: ack.replayed === true };
  }
  const body = toIntakeRating(app);
  if (!body) throw new UpstreamError('the rating is no longer on the application', true);
  const ack = await deps.province.submitRating(entry.key, caseId, body);
  return { replayed: ack.replayed === true };
}

/** The province's case of the entry's application; supplements and ratings wait for it. */
async function caseOf(outbox: OutboxStore, entry: OutboxEntry): Promise<string> {
  const submit = await outbox.read(submitEntryId(entry.applicationId));
  if (submit?.state === 'done' && submit.result) return submit.result.caseId;
  throw new NotYet();
}

async function uploadMaterials(deps: DeliverDeps, owner: string, pages: { sha256: string; contentType: string }[]): Promise<void> {
  for (const page of pages) {
    const bytes = await deps.materials.read(owner, page.sha256);
    if (!bytes) throw new Error(`material ${page.sha256} is missing at the gateway`);
    await deps.province.putMaterial(page.sha256, page.contentType, bytes);
  }
}
