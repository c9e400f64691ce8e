import { createHash } from 'node:crypto';
import { canonicalJson, type ApplicationDoc, type MaterialPage } from '../../sync-protocol/index.js';
import type { IntakeApplication, IntakeMaterial, IntakePage, IntakeRating, IntakeSupplement } from '../../province/intake-contract.js';
import type { StoredDocument } from './stored-document.js';
import { ratingEntryId, submitEntryId, supplementEntryId, type OutboxEntry, type OutboxKind } from './outbox-entry.js';

/**
 * What goes upstream for an application, pure: which outbox entries it
 * yields, their Idempotency-Keys, and the intake bodies built from it.
 */

/**
 * The one rule of what may go upstream: a live, submitted application whose
 * owner holds every material it refers to. `holdsEveryMaterial` is what the
 * material store answers (the forwarder before it sends; isApplicationComplete
 * asks the same) or the `materialsComplete` flag stamped from that answer on
 * write (queueing, below). Submission rules were checked on push.
 */
export function mayGoUpstream(doc: StoredDocument, holdsEveryMaterial: boolean): boolean {
  return !doc.deleted && holdsEveryMaterial && (doc.data as Partial<ApplicationDoc>).lifecycle === 'submitted';
}

/** Whether a stored application is queued for the province, by its completeness stamp. */
export function isForwardable(doc: StoredDocument): boolean {
  return mayGoUpstream(doc, doc.materialsComplete === true);
}

/** The part of an application the province receives at submission (not its supplements, rating or server stamp). */
function submissionContent(app: ApplicationDoc): Omit<ApplicationDoc, 'supplements' | 'rating' | 'server' | 'notes' | 'updatedAt'> {
  const { supplements: _s, rating: _r, server: _server, notes: _n, updatedAt: _u, ...content } = app;
  return content;
}

/** First 16 hex digits of the SHA-256 of the submission content, keys sorted: the application's version. */
export function submissionVersion(app: ApplicationDoc): string {
  return createHash('sha256')
    .update(canonicalJson(submissionContent(app)))
    .digest('hex')
    .slice(0, 16);
}

/** Idempotency-Key of an entry: application id + what it delivers (+ the submission's content version). */
export function idempotencyKey(kind: OutboxKind, app: ApplicationDoc, supplementId?: string): string {
  if (kind === 'submit') return `${app.id}.submit.${submissionVersion(app)}`;
  if (kind === 'supplement') return `${app.id}.supplement.${supplementId}`;
  return `${app.id}.rating`;
}

/**
 * The outbox entries a stored application yields: its submission, each of
 * its supplements, its rating. Entry ids are deterministic: enqueueing what
 * is already queued is a no-op, so this can run on every write and on a sweep.
 */
export function outboxEntriesFor(doc: StoredDocument, owner: string, now: string): OutboxEntry[] {
  if (!isForwardable(doc)) return [];
  const app = doc.data as ApplicationDoc;
  const readyAt = doc.server.completeAt ?? now;
  const entry = (_id: string, kind: OutboxKind, supplementId?: string): OutboxEntry => ({
    _id,
    type: 'outbox',
    kind,
    applicationId: app.id,
    owner,
    ...(supplementId ? { supplementId } : {}),
    key: idempotencyKey(kind, app, supplementId),
    readyAt,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  });
  const entries = [entry(submitEntryId(app.id), 'submit')];
  for (const supplement of app.supplements ?? []) entries.push(entry(supplementEntryId(app.id, supplement.id), 'supplement', supplement.id));
  if (app.rating) entries.push(entry(ratingEntryId(app.id), 'rating'));
  return entries;
}

function page(p: MaterialPage): IntakePage {
  return { sha256: p.sha256, contentType: p.contentType, bytes: p.bytes };
}

export function toIntakeApplication(app: ApplicationDoc, readyAt: string): IntakeApplication {
  const materials: IntakeMaterial[] = (app.materials ?? []).map((m) => ({ key: m.key, name: m.name, pages: m.pages.map(page), ...(m.waived ? { waived: true } : {}) }));
  const body: IntakeApplication = {
    applicationId: app.id,
    guideId: app.guideId,
    guideVersion: app.guideVersion,
    guideName: app.guideName,
    // Only a draft may lack the name: the push rule refuses a nameless submitted application (application-rules.ts).
    applicant: { ...app.applicant, name: app.applicant.name ?? '' },
    form: app.form,
    materials,
    receivedAt: readyAt,
  };
  if (app.trackingCode) body.trackingCode = app.trackingCode;
  if (app.submittedAt) body.submittedAt = app.submittedAt;
  if (app.commitment)
    body.commitment = { waivedKeys: app.commitment.waivedKeys, text: app.commitment.text, signature: page(app.commitment.signature), signedAt: app.commitment.signedAt };
  if (app.authorisation) {
    const { method, text, image, agent, signedAt } = app.authorisation;
    body.authorisation = { method, text, image: page(image), agent: { userId: agent.userId, name: agent.name }, signedAt };
  }
  return body;
}

/** The supplement's body, or null when the application no longer carries it. */
export function toIntakeSupplement(app: ApplicationDoc, supplementId: string): IntakeSupplement | null {
  const supplement = app.supplements?.find((s) => s.id === supplementId);
  if (!supplement) return null;
  return {
    supplementId,
    applicationId: app.id,
    materials: supplement.materials.map((m) => ({ key: m.key, name: m.name, pages: m.pages.map(page) })),
    ...(supplement.note ? { note: supplement.note } : {}),
  };
}

export function toIntakeRating(app: ApplicationDoc): IntakeRating | null {
  if (!app.rating) return null;
  return { applicationId: app.id, score: app.rating.score, ...(app.rating.comment ? { comment: app.rating.comment } : {}) };
}
