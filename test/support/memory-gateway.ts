import type { ValidateFunction } from 'ajv';
import {
  AREA_CODE_PATTERN,
  COLLECTIONS,
  ERRORS,
  LIMITS,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SERVER_FIELD,
  changesRequestSchema,
  clientContent,
  createAjv,
  createDocumentValidators,
  decidePushRow,
  encodeStreamEvent,
  isSupportedProtocolVersion,
  pushRequestSchema,
  toIssue,
  toProblemBody,
  validateWireDocument,
  type CollectionName,
  type ErrorCode,
  type PushDocumentError,
  type PushRow,
  type StreamEvent,
} from '../../sync-protocol/index.js';
import type { GatewayClient } from '../../device-core/client/gateway-client.js';
import { classifyProblem, GatewayError } from '../../device-core/client/gateway-error.js';
import { createMemoryGatewayStore, idOf, type Doc, type Feed } from './memory-gateway-store.js';

/** Compiled once per process, as the gateway does: the shared schemas of documents and request bodies. */
const ajv = createAjv();
const documentValidators = createDocumentValidators(ajv);
const validatePushRequest = ajv.compile(pushRequestSchema);
const validateChangesRequest = ajv.compile(changesRequestSchema);
const AREA_CODE = new RegExp(AREA_CODE_PATTERN);

/** A refusal as the HTTP client reports it: the catalogue's status, the kind the device acts on, the problem body. */
function refusal(code: ErrorCode, extra: { field?: string; detail?: string } = {}): GatewayError {
  const status = ERRORS[code].httpStatus;
  return new GatewayError(classifyProblem(status, code), status, toProblemBody(code, extra));
}

/** A request body checked against its shared schema: INVALID_REQUEST naming the first offending field. */
function checkBody(validate: ValidateFunction, body: unknown): void {
  if (validate(body)) return;
  const issues = (validate.errors ?? []).map(toIssue);
  throw refusal('INVALID_REQUEST', { field: issues[0]?.field || 'body', detail: issues.map((i) => `${i.field} ${i.reason}`).join('; ') });
}

/** A checkpoint this gateway gave (a sequence number), or INVALID_REQUEST naming `field`, as CouchDB refuses a seq it never made. */
function sinceOf(seq: string, field: string): number {
  if (!/^[0-9]{1,15}$/.test(seq)) throw refusal('INVALID_REQUEST', { field, detail: 'not a checkpoint of this gateway' });
  return Number(seq);
}

export interface MemoryClientOptions {
  /** The protocol version the client speaks (the `x-tongban-protocol` header); default the current one. */
  protocolVersion?: string;
}

/**
 * An in-memory stand-in for the gateway, for unit tests of the replication
 * wiring. It runs the same contract suite as the real gateway
 * (test/contract/memory-gateway.test.ts), with the protocol's own rules: the
 * shared schemas of documents and request bodies, the push rule
 * (decidePushRow), ids claimed by their first writer (NOT_OWNER), the
 * protocol version, areas published or not, the live stream's frames.
 * Beyond the contract it does not check the application rules that need
 * guides, forward anything upstream, or know materials.
 *
 * Test knobs: `state.failWith` fails every request, `state.refuse` refuses a
 * pushed document by field, `state.unknownAreas` withdraws areas, the request
 * counters; `seed` writes as the gateway would without any check, `read`
 * reads a stored document, `clientFor` is a client acting for a user.
 */
export function createMemoryGateway() {
  const store = createMemoryGatewayStore();
  let ticks = 0;
  const state = {
    failWith: null as GatewayError | null,
    refuse: (_doc: Doc): string | null => null,
    changesRequests: 0,
    pullRequests: 0,
    /** Areas the gateway does not publish (any more), whatever was seeded: `changes` answers their feeds as unknown, pulls refuse them. */
    unknownAreas: new Set<string>(),
  };
  const isPublished = (area: string) => !state.unknownAreas.has(area) && store.isPublished(area);

  /** A client acting for whoever `userOf` names; `''` is the one user of tests that need no accounts. */
  const clientFor = (userOf: () => string | null, options: MemoryClientOptions = {}): GatewayClient => {
    /** Every request first: the protocol version, before anything is read or written; then the failure a test set. */
    const admit = () => {
      if (!isSupportedProtocolVersion(options.protocolVersion ?? String(PROTOCOL_VERSION))) {
        throw refusal('PROTOCOL_VERSION_UNSUPPORTED', { field: PROTOCOL_HEADER, detail: `this gateway speaks protocol ${PROTOCOL_VERSION}` });
      }
      if (state.failWith) throw state.failWith;
    };
    /** The feed a request names: private collections need a user; one partitioned by area needs a published area. */
    const feedOf = (collection: CollectionName, area: string | undefined, field: string): Feed => {
      const def = COLLECTIONS[collection];
      const user = userOf();
      if (user === null && !def.public) throw refusal('UNAUTHENTICATED');
      if (!def.partitionedByArea) return { collection, user: user ?? '' };
      if (!area || !AREA_CODE.test(area)) throw refusal('INVALID_REQUEST', { field, detail: `${collection} are replicated per area: give an area code` });
      if (!isPublished(area)) throw refusal('INVALID_REQUEST', { field, detail: 'not a known area' });
      return { collection, user: '', area };
    };

    /** One push row by the gateway's rule: schema, then the push rule, then who owns a new id; the row's error, or null. */
    const decideRow = (feed: Feed, row: PushRow<Doc>, seen: Set<string>, answer: { conflicts: Doc[]; writes: Doc[] }): PushDocumentError | null => {
      const next = clientContent(row.newDocumentState) as Doc;
      const id = idOf(feed.collection, next);
      const invalid = (field: string, detail?: string) => ({ ...toProblemBody('DOCUMENT_INVALID', { field, detail }), id });
      const refused = state.refuse(next);
      if (refused) return invalid(refused);
      const result = validateWireDocument(documentValidators[feed.collection], next);
      if (!result.ok) return invalid(result.issues[0]?.field ?? '', result.issues.map((i) => `${i.field || '(document)'} ${i.reason}`).join('; '));
      const assumed = row.assumedMasterState ?? null;
      if (assumed && idOf(feed.collection, assumed) !== id) return invalid('id', 'assumedMasterState has a different id than newDocumentState');
      if (seen.has(id)) return invalid('id', 'the same id appears more than once in one push');
      seen.add(id);
      const master = store.read(feed, id) ?? null;
      const decision = decidePushRow(master, assumed, next);
      if (decision === 'conflict') answer.conflicts.push(structuredClone(master!));
      if (decision !== 'write') return null;
      const owner = store.ownerOf(feed.collection, id);
      if (!master && owner !== undefined && owner !== feed.user) return { ...toProblemBody('NOT_OWNER', { field: 'id' }), id };
      const stamped = SERVER_FIELD in COLLECTIONS[feed.collection].schema.properties;
      ticks += 1;
      answer.writes.push(stamped ? { ...next, [SERVER_FIELD]: { receivedAt: new Date(1_700_000_000_000 + ticks * 1000).toISOString(), owner: feed.user } } : next);
      return null;
    };

    const client: GatewayClient = {
      baseUrl: 'memory://gateway',
      anonymous: () => clientFor(() => null, options),
      signIn: async () => {
        throw new Error('not in memory gateway');
      },
      async pull(collection, checkpoint, limit, area) {
        admit();
        state.pullRequests += 1;
        const feed = feedOf(collection, area, 'area');
        if (!(Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.maxPullBatch)) throw refusal('INVALID_REQUEST', { field: 'limit' });
        return store.page(feed, sinceOf(checkpoint?.seq ?? '0', 'since'), limit) as never;
      },
      async push(collection, rows) {
        admit();
        if (!COLLECTIONS[collection].pushable) throw refusal('READ_ONLY_COLLECTION', { field: 'collection' });
        const feed = feedOf(collection, undefined, 'area');
        checkBody(validatePushRequest, { rows });
        const answer = { conflicts: [] as Doc[], writes: [] as Doc[] };
        const seen = new Set<string>();
        const errors = (rows as PushRow<Doc>[]).flatMap((row) => decideRow(feed, row, seen, answer) ?? []);
        store.write(feed, answer.writes);
        return { conflicts: answer.conflicts as never, errors };
      },
      async changes(feeds) {
        admit();
        state.changesRequests += 1;
        checkBody(validateChangesRequest, { feeds });
        const user = userOf();
        if (user === null && feeds.some((feed) => !COLLECTIONS[feed.collection].public)) throw refusal('UNAUTHENTICATED');
        const changed: number[] = [];
        const unknown: number[] = [];
        for (const [index, feed] of feeds.entries()) {
          const field = `feeds.${index}.area`;
          const partitioned = COLLECTIONS[feed.collection].partitionedByArea;
          if (partitioned && !feed.area) throw refusal('INVALID_REQUEST', { field, detail: `${feed.collection} are replicated per area` });
          if (!partitioned && feed.area) throw refusal('INVALID_REQUEST', { field, detail: `${feed.collection} have no areas` });
        }
        for (const [index, feed] of feeds.entries()) {
          const since = sinceOf(feed.since, `feeds.${index}.since`);
          if (feed.area && !isPublished(feed.area)) unknown.push(index);
          else if (store.page({ collection: feed.collection, user: user ?? '', area: feed.area }, since, 1).documents.length > 0) changed.push(index);
        }
        return { changed, unknown };
      },
      async openStream(collection, signal) {
        admit();
        // This client's stream names no area (the device streams no guides), so a collection partitioned by area is refused, as at the gateway.
        const feed = feedOf(collection, undefined, 'area');
        signal.throwIfAborted();
        let stop = () => {};
        return new ReadableStream<Uint8Array>({
          start(controller) {
            let open = true;
            const send = (event: StreamEvent<Doc>) => {
              if (open) controller.enqueue(new TextEncoder().encode(encodeStreamEvent(event)));
            };
            // Following starts before `resync`, as at the gateway: nothing written after the device's catch-up pull is missed.
            stop = store.follow(feed, (documents, checkpoint) => send({ type: 'change', documents, checkpoint }));
            send({ type: 'resync' });
            signal.addEventListener('abort', () => {
              stop();
              if (open) controller.error(signal.reason);
              open = false;
            });
          },
          cancel: () => stop(),
        });
      },
    };
    return client;
  };

  /** Writes `doc` as stored, without any check (a guide also publishes its area, as an import would). */
  const seed = (collection: CollectionName, doc: object, user = '') => store.write({ collection, user, area: (doc as Doc).areaCode as string | undefined }, [doc as Doc]);
  const read = (collection: CollectionName, id: string, user = '') => store.read({ collection, user }, id);
  return { client: clientFor(() => ''), clientFor, state, seed, read };
}
