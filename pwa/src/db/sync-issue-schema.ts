import type { FromSchema } from 'json-schema-to-ts';

/**
 * A document the gateway refused on push (a per-document `errors` entry).
 * Kept on the device, never replicated: the refused document is NOT retried
 * (it would be refused again forever), and it is not dropped silently either:
 * the applications list shows the problem until the person edits the
 * document, which clears the issue and pushes again.
 */
export const syncIssueSchema = {
  title: 'sync issue',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 120 },
    scope: { type: 'string', maxLength: 40 },
    documentId: { type: 'string', maxLength: 64 },
    code: { type: 'string', maxLength: 64 },
    message: { type: 'string', maxLength: 500 },
    field: { type: 'string', maxLength: 200 },
    at: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'scope', 'documentId', 'code', 'message', 'at'],
} as const;

/**
 * `id` is `${collection}:${documentId}` (one open issue per document);
 * `scope` the refused document's collection (`collection` itself is a reserved
 * RxDocument name); `at` device time, display only.
 */
export type SyncIssueDoc = FromSchema<typeof syncIssueSchema>;

export function syncIssueId(collection: string, documentId: string): string {
  return `${collection}:${documentId}`;
}
