import { jsonEqual } from './equality.js';
import type { WireDocument } from './messages.js';
import { SERVER_FIELD } from './schemas/common.js';

type Doc = Record<string, unknown>;

/**
 * The part of a document a device owns: everything but the server-owned
 * fields and the replication metadata RxDB keeps locally.
 * `_deleted` is part of it: a deletion is a client edit like any other.
 */
export function clientContent<T extends object>(doc: WireDocument<T>): Doc {
  const { [SERVER_FIELD]: _server, _rev, _meta, _attachments, ...rest } = doc as Doc;
  return { ...rest, _deleted: Boolean((doc as Doc)._deleted) };
}

/** True when two states carry the same client-owned content. */
export function sameClientContent<T extends object>(a: WireDocument<T>, b: WireDocument<T>): boolean {
  return jsonEqual(clientContent(a), clientContent(b));
}

/** What the server does with one push row, given the master state it holds. */
export type PushDecision = 'write' | 'unchanged' | 'conflict';

/**
 * The server's rule for one push row (RxDB's masterWrite semantics, made
 * safe for retries on bad links):
 * - no master yet: write;
 * - master already holds the new state: unchanged, no conflict (a retried push
 *   whose first answer was lost is a no-op);
 * - the device's assumed master is the master: write;
 * - otherwise: conflict, and the answer carries the master for the device to
 *   resolve.
 * Only client-owned content is compared: the server stamp changes without the
 * device's knowledge and must not turn every edit into a conflict.
 */
export function decidePushRow<T extends object>(master: WireDocument<T> | null, assumed: WireDocument<T> | null | undefined, next: WireDocument<T>): PushDecision {
  if (master === null) return 'write';
  if (sameClientContent(master, next)) return 'unchanged';
  if (assumed && sameClientContent(master, assumed)) return 'write';
  return 'conflict';
}

/**
 * The device's rule for a conflict: a three-way merge of top-level fields
 * (and one level into plain objects such as `form` and `applicant`).
 * - A field only the device changed (relative to the assumed master) takes
 *   the device's value; every other field takes the master's. When both
 *   changed the same field, the master wins: the first write to reach the
 *   server stands, and the device's value is not silently kept.
 * - Without an assumed master (the device never saw one), the master wins
 *   for every field it has, and device-only fields are kept.
 * - A deletion on either side wins over edits: a withdrawn draft stays withdrawn.
 * - Server-owned fields always come from the master.
 * Deterministic and free of clocks, so two devices converge.
 */
export function mergeConflict<T extends object>(input: {
  realMasterState: WireDocument<T>;
  newDocumentState: WireDocument<T>;
  assumedMasterState?: WireDocument<T>;
}): WireDocument<T> {
  const master = input.realMasterState as Doc;
  const fork = input.newDocumentState as Doc;
  const base = (input.assumedMasterState ?? {}) as Doc;
  if (master._deleted || fork._deleted) {
    const deleted: Doc = { ...master, ...(master._deleted ? {} : fork), [SERVER_FIELD]: master[SERVER_FIELD], _deleted: true };
    return deleted as WireDocument<T>;
  }
  const merged = mergeObjects(base, master, fork, input.assumedMasterState !== undefined, 0);
  if (master[SERVER_FIELD] === undefined) delete merged[SERVER_FIELD];
  else merged[SERVER_FIELD] = master[SERVER_FIELD];
  merged._deleted = false;
  return merged as WireDocument<T>;
}

function isPlainObject(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeObjects(base: Doc, master: Doc, fork: Doc, hasBase: boolean, depth: number): Doc {
  const result: Doc = {};
  const keys = new Set([...Object.keys(master), ...Object.keys(fork), ...Object.keys(base)]);
  for (const key of keys) {
    const value = mergeField(base[key], master[key], fork[key], hasBase, depth);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function mergeField(base: unknown, master: unknown, fork: unknown, hasBase: boolean, depth: number): unknown {
  if (depth === 0 && isPlainObject(master) && isPlainObject(fork)) {
    return mergeObjects(isPlainObject(base) ? base : {}, master, fork, hasBase, depth + 1);
  }
  if (!hasBase) return master !== undefined ? master : fork;
  const forkChanged = !jsonEqual(base, fork);
  const masterChanged = !jsonEqual(base, master);
  return forkChanged && !masterChanged ? fork : master;
}
