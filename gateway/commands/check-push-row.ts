import type { ValidateFunction } from 'ajv';
import { toProblemBody, validateWireDocument, type PushDocumentError, type WireDocument } from '../../sync-protocol/index.js';

type Doc = WireDocument<Record<string, unknown>>;

/** Fields a device may send that are not part of the document: the server stamp and RxDB's local metadata. */
const IGNORED_FIELDS = ['server', '_rev', '_meta', '_attachments'];

export interface CheckedRow {
  id: string;
  next: Doc;
  assumed: Doc | null;
}

function withoutIgnoredFields(doc: Record<string, unknown>): Doc {
  const copy: Record<string, unknown> = { ...doc };
  for (const field of IGNORED_FIELDS) delete copy[field];
  return copy as Doc;
}

function invalid(id: string, field: string, detail: string): PushDocumentError {
  return { id, ...toProblemBody('DOCUMENT_INVALID', { field, detail: detail.slice(0, 500) }) };
}

/**
 * Checks one push row against its collection's schema. The answer is either
 * the row ready for the conflict rule, or a DOCUMENT_INVALID error naming the
 * first offending field (all of them in `detail`).
 */
export function checkPushRow(
  validate: ValidateFunction,
  row: { assumedMasterState?: Record<string, unknown> | null; newDocumentState: Record<string, unknown> },
  seenIds: Set<string>,
): CheckedRow | PushDocumentError {
  const next = withoutIgnoredFields(row.newDocumentState);
  const id = typeof next.id === 'string' ? next.id : '';
  const result = validateWireDocument(validate, next);
  if (!result.ok) {
    const detail = result.issues.map((issue) => `${issue.field || '(document)'} ${issue.reason}`).join('; ');
    return invalid(id, result.issues[0]?.field ?? '', detail);
  }
  const assumed = row.assumedMasterState ? (row.assumedMasterState as Doc) : null;
  if (assumed && assumed.id !== id) return invalid(id, 'id', 'assumedMasterState has a different id than newDocumentState');
  if (seenIds.has(id)) return invalid(id, 'id', 'the same id appears more than once in one push');
  seenIds.add(id);
  return { id, next, assumed };
}

export function isPushDocumentError(value: CheckedRow | PushDocumentError): value is PushDocumentError {
  return 'code' in value;
}
