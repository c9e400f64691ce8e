import { clientContent, type WireDocument } from '../../sync-protocol/index.js';

/** The server-owned part of a stored document. */
export interface ServerStamp {
  /** Server clock when the gateway stored this revision. */
  receivedAt: string;
  /** User id of the owner, for private collections. */
  owner?: string;
  /** Server clock when every material an application refers to had arrived. */
  completeAt?: string;
}

/**
 * A replicated document as stored in CouchDB. Tombstones are ordinary
 * revisions with `deleted: true`: CouchDB's own `_deleted` would drop the body
 * and hide the document from `_all_docs`, and the protocol needs both.
 */
export interface StoredDocument {
  _id: string;
  _rev?: string;
  /** Client-owned fields, without `_deleted` and without `server`. */
  data: Record<string, unknown>;
  server: ServerStamp;
  deleted: boolean;
  /**
   * Applications only, never sent to devices: false while a referenced
   * material is missing. Indexed (Mango), so an arriving material finds the
   * applications waiting for it without scanning the user's database.
   */
  materialsComplete?: boolean;
}

/** Builds the stored form of a wire document; whatever the client sent as `server` is dropped. */
export function toStoredDocument(wire: WireDocument<Record<string, unknown>>, server: ServerStamp, rev?: string): StoredDocument {
  const { _deleted, ...data } = clientContent(wire);
  const id = String(wire.id);
  const stored: StoredDocument = { _id: id, data, server, deleted: _deleted === true };
  if (rev !== undefined) stored._rev = rev;
  return stored;
}

/**
 * Builds the wire form: `{ ...data, server, _deleted }`. Collections whose
 * schema has no `server` field (guides, statuses) travel without the stamp,
 * or devices would reject them.
 */
export function toWireDocument(stored: StoredDocument, options: { includeServer: boolean }): WireDocument<Record<string, unknown>> {
  const wire: Record<string, unknown> = { ...stored.data };
  if (options.includeServer) wire.server = { ...stored.server };
  wire._deleted = stored.deleted;
  return wire as WireDocument<Record<string, unknown>>;
}

/** True when a CouchDB row holds a replicated document (not a design doc or foreign data). */
export function isStoredDocument(value: unknown): value is StoredDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  return typeof doc._id === 'string' && !doc._id.startsWith('_design/') && typeof doc.data === 'object' && doc.data !== null;
}
