import type { ValidateFunction } from 'ajv';
import {
  applicationRuleIssues,
  decidePushRow,
  agentSubmissionIssues,
  filerRuleIssues,
  householdMaterialIssues,
  householdRuleIssues,
  materialUses,
  describeRuleIssue,
  guideForRules,
  sameClientContent,
  toProblemBody,
  type CollectionName,
  type PushDocumentError,
  type PushRequestEnvelope,
  type ApplicationDoc,
  type GuideDoc,
  type HouseholdDoc,
  type PushResponse,
  type Role,
  type RuleIssue,
  type WireDocument,
} from '../../sync-protocol/index.js';
import type { Clock } from '../clock.js';
import { toStoredDocument, toWireDocument, type StoredDocument } from '../domain/stored-document.js';
import type { ClaimOutcome, DocumentScope, DocumentStore, MaterialStore, OutboxStore, RegistryStore } from '../store/store.js';
import { submitEntryId } from '../domain/outbox-entry.js';
import { checkPushRow, isPushDocumentError, type CheckedRow } from './check-push-row.js';
import { documentScope, hasServerStamp } from './collection-scope.js';
import { completeApplications } from './complete-applications.js';
import { enqueueDeliveries } from './enqueue-deliveries.js';
import { findRuleGuides } from './find-rule-guides.js';
import type { FindRuleGuides } from './rule-guide-cache.js';
import { whileMarkedDirty } from './mark-dirty.js';
import { isForwardable } from '../domain/plan-deliveries.js';
import { isCompleteWith, materialsOf, refersToMaterials, withCompleteness } from './material-completeness.js';

type Doc = WireDocument<Record<string, unknown>>;

export interface PushDeps {
  documents: DocumentStore;
  registry: RegistryStore;
  /** To record which applications have all their materials. */
  materials: MaterialStore;
  clock: Clock;
  /**
   * Deliveries to the province: complete, submitted applications are queued
   * here, and a rating is taken only once the province completed the
   * application. Absent (unit tests): nothing is queued, ratings are not gated.
   */
  outbox?: OutboxStore;
  /** The guides submission rules need; default: read from `documents` on every push (the app passes a cached one). */
  ruleGuides?: FindRuleGuides;
}

export interface PushInput {
  collection: CollectionName;
  userId: string;
  /** The pusher's role: an agent files for households, with their authorisation (agent-rules.ts). */
  role: Role;
  validate: ValidateFunction;
  /** Envelope already checked against pushRequestSchema. */
  request: PushRequestEnvelope;
}

/** What a push did, for the logs. */
export interface PushCounts {
  rows: number;
  written: number;
  unchanged: number;
  conflicts: number;
  errors: number;
}

interface Candidate {
  row: CheckedRow;
  master: StoredDocument | undefined;
}

/** Shared state of one push, threaded through the steps below. */
interface PushState {
  conflicts: Doc[];
  errors: PushDocumentError[];
  unchanged: number;
  written: number;
  /** Ids this push wrote. */
  writtenIds: Set<string>;
}

/**
 * Stores a push batch by the rule in sync-protocol/conflicts.ts: each row is
 * written, found unchanged (a retry: nothing is written), or answered as a
 * conflict with the current master. Invalid rows and ids owned by another
 * user become per-document errors; the rest of the batch still lands.
 */
export async function pushDocuments(deps: PushDeps, input: PushInput): Promise<{ response: PushResponse<Doc>; counts: PushCounts }> {
  const scope = documentScope(input.collection, input.userId);
  const includeServer = hasServerStamp(input.collection);
  const state: PushState = { conflicts: [], errors: [], unchanged: 0, written: 0, writtenIds: new Set() };

  const checked = checkRows(input, state);
  const claims = await claimAssumedNew(deps.registry, input, checked, state);
  const masters = await deps.documents.readDocuments(
    scope,
    claims.owned.filter((row) => claims.outcomes.get(row.id) !== 'claimed').map((row) => row.id),
  );
  const decided = decideRows(claims.owned, masters, includeServer, state);
  const candidates = refersToMaterials(input.collection)
    ? await dropRuleBreakers(deps, input, decided, state)
    : input.collection === 'households'
      ? dropHouseholdBreakers(deps.clock, decided, state)
      : decided;
  const writable = await dropForeignIds(deps.registry, input, candidates, claims.outcomes, state);
  const docs = await stampDocuments(deps, scope, input.userId, writable);
  // Under a dirty mark only when the write may queue something (a complete, submitted application): a kill before
  // its entries are queued is then repaired by the periodic sweep. One still waiting for a material owes the
  // province nothing yet; whoever completes it later queues it under a mark of its own (completeApplications).
  await whileMarkedDirty(deps, input.userId, docs.some(isForwardable), async () => {
    const written = await writeCandidates(deps, scope, writable, docs, includeServer, state);
    if (deps.outbox && refersToMaterials(input.collection)) await enqueueDeliveries({ outbox: deps.outbox, clock: deps.clock }, input.userId, written);
  });
  if (refersToMaterials(input.collection)) {
    await completeIfMaterialsArrivedMeanwhile(
      deps,
      input.userId,
      docs.filter((doc) => doc.materialsComplete === false && state.writtenIds.has(doc._id)),
    );
  }

  return {
    response: { conflicts: state.conflicts, errors: state.errors },
    counts: {
      rows: input.request.rows.length,
      written: state.written,
      unchanged: state.unchanged,
      conflicts: state.conflicts.length,
      errors: state.errors.length,
    },
  };
}

function checkRows(input: PushInput, state: PushState): CheckedRow[] {
  const seen = new Set<string>();
  const checked: CheckedRow[] = [];
  for (const row of input.request.rows) {
    const result = checkPushRow(input.validate, row, seen);
    if (isPushDocumentError(result)) state.errors.push(result);
    else checked.push(result);
  }
  return checked;
}

function decideRows(rows: CheckedRow[], masters: Map<string, StoredDocument>, includeServer: boolean, state: PushState): Candidate[] {
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const master = masters.get(row.id);
    const masterWire = master ? toWireDocument(master, { includeServer }) : null;
    const decision = decidePushRow<Record<string, unknown>>(masterWire, row.assumed, row.next);
    if (decision === 'unchanged') state.unchanged += 1;
    else if (decision === 'conflict') state.conflicts.push(masterWire!);
    else candidates.push({ row, master });
  }
  return candidates;
}

/**
 * The application rules beyond the schema (sync-protocol/application-rules.ts,
 * the same the phone runs before it marks an application submitted), and the
 * one only the gateway can check: a rating is taken once the province has
 * completed the application (办结). Breakers become DOCUMENT_INVALID naming
 * the first broken rule's field; the rest of the batch lands.
 *
 * Guides are read once for the batch. An application naming a guide version
 * the gateway does not hold (the guide was updated or withdrawn while the
 * draft was open on the phone) is checked on every rule that needs no guide
 * and kept: the person cannot change the version they filed against, and
 * refusing would strand a filed application on the phone. A guide id the
 * gateway holds no copy of is treated the same way: a catalogue restored from
 * an older backup loses guides phones still file against, and the province
 * refuses an item it does not know; only the guide-dependent rules are skipped.
 */
async function dropRuleBreakers(deps: PushDeps, input: PushInput, candidates: Candidate[], state: PushState): Promise<Candidate[]> {
  const submitted = candidates.map((c) => c.row.next as Partial<ApplicationDoc> & { _deleted?: boolean }).filter((app) => app.lifecycle === 'submitted' && !app._deleted);
  const guides =
    submitted.length > 0
      ? await (deps.ruleGuides ?? ((ids: string[]) => findRuleGuides(deps.documents, ids)))(submitted.map((app) => String(app.guideId)))
      : new Map<string, GuideDoc>();
  const today = rulesToday(deps.clock);
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const next = candidate.row.next as ApplicationDoc & { _deleted?: boolean };
    const master = candidate.master && !candidate.master.deleted ? (candidate.master.data as Partial<ApplicationDoc>) : null;
    const guide = guideForRules(next, guides.get(next.guideId));
    const filer = { userId: input.userId, role: input.role };
    const issues = next._deleted
      ? []
      : [...applicationRuleIssues(next, { master, guide, today }), ...filerRuleIssues(next, filer, master), ...agentSubmissionIssues(next, filer, master)];
    if (issues.length === 0 && next.rating && !master?.rating && deps.outbox) {
      const submit = await deps.outbox.read(submitEntryId(candidate.row.id));
      if (submit?.province?.state !== 'completed') issues.push({ field: 'rating', code: 'NOT_COMPLETED_YET' });
    }
    if (issues.length === 0) kept.push(candidate);
    else refuseBreaker(state, candidate.row.id, issues);
  }
  return input.role === 'agent' ? dropOtherHouseholdsMaterials(deps.materials, input.userId, kept, state) : kept;
}

function refuseBreaker(state: PushState, id: string, issues: RuleIssue[]): void {
  state.errors.push({ id, ...toProblemBody('DOCUMENT_INVALID', { field: issues[0].field, detail: issues.map(describeRuleIssue).join('; ').slice(0, 500) }) });
}

/**
 * The locker is per household (issue 13): a photo an agent took for one
 * household is refused on another household's application, naming the
 * field. Each photo is bound to the first household that used it, in the
 * agent's materials database, so the rule holds across pushes, devices and
 * gateway instances. Applications for no household (before households
 * existed) bind nothing.
 */
async function dropOtherHouseholdsMaterials(materials: MaterialStore, userId: string, candidates: Candidate[], state: PushState): Promise<Candidate[]> {
  const apps = candidates.map((c) => c.row.next as ApplicationDoc & { _deleted?: boolean });
  const wanted = new Map<string, string>();
  for (const app of apps) {
    if (app._deleted || !app.householdId) continue;
    for (const use of materialUses(app)) if (!wanted.has(use.sha256)) wanted.set(use.sha256, app.householdId);
  }
  if (wanted.size === 0) return candidates;
  const boundTo = await materials.bindToHouseholds(userId, wanted);
  return candidates.filter((candidate, i) => {
    const issues = apps[i]._deleted ? [] : householdMaterialIssues(apps[i], boundTo);
    if (issues.length > 0) refuseBreaker(state, candidate.row.id, issues);
    return issues.length === 0;
  });
}

/** Household profiles pass the same rules as on the agent's phone (household-rules.ts). */
function dropHouseholdBreakers(clock: Clock, candidates: Candidate[], state: PushState): Candidate[] {
  const today = rulesToday(clock);
  return candidates.filter((candidate) => {
    const next = candidate.row.next as HouseholdDoc & { _deleted?: boolean };
    const issues = next._deleted ? [] : householdRuleIssues(next, today);
    if (issues.length > 0) refuseBreaker(state, candidate.row.id, issues);
    return issues.length === 0;
  });
}

/**
 * The calendar day birth dates are bounded by: the server's, plus one, as a
 * phone east of the server (China is UTC+8) is already on the next day when
 * it files for a child born today.
 */
function rulesToday(clock: Clock): Date {
  return new Date(clock.now().getTime() + 24 * 60 * 60 * 1000);
}

function refuseForeign(state: PushState, id: string): void {
  state.errors.push({ id, ...toProblemBody('NOT_OWNER', { field: 'id' }) });
}

/**
 * Rows the device sends as new (no assumed master: a county reconnecting at
 * once sends little else) are claimed in the registry before anything is
 * read. An id this call `claimed` was never seen, so no document exists under
 * it, not even a deletion: its master need not be read, one store round trip
 * less per push. An id `held` already may have a document (a retry, a kill
 * between claim and write): its master is read as before. `taken` is refused.
 */
async function claimAssumedNew(
  registry: RegistryStore,
  input: PushInput,
  rows: CheckedRow[],
  state: PushState,
): Promise<{ owned: CheckedRow[]; outcomes: Map<string, ClaimOutcome> }> {
  if (documentScope(input.collection, input.userId).userId === undefined) return { owned: rows, outcomes: new Map() };
  const assumedNew = rows.filter((row) => row.assumed === null).map((row) => row.id);
  const outcomes = await registry.claim(input.collection, assumedNew, input.userId);
  const owned = rows.filter((row) => {
    if (outcomes.get(row.id) !== 'taken') return true;
    refuseForeign(state, row.id);
    return false;
  });
  return { owned, outcomes };
}

/** The other ids with no master are claimed before their write: an id another user holds is refused with NOT_OWNER. */
async function dropForeignIds(registry: RegistryStore, input: PushInput, candidates: Candidate[], claimed: Map<string, ClaimOutcome>, state: PushState): Promise<Candidate[]> {
  if (documentScope(input.collection, input.userId).userId === undefined) return candidates;
  const unclaimed = candidates.filter((c) => !c.master && !claimed.has(c.row.id)).map((c) => c.row.id);
  const claims = await registry.claim(input.collection, unclaimed, input.userId);
  return candidates.filter((candidate) => {
    const outcome = claimed.get(candidate.row.id) ?? claims.get(candidate.row.id);
    if (candidate.master || outcome === 'claimed' || outcome === 'held') return true;
    refuseForeign(state, candidate.row.id);
    return false;
  });
}

/** The candidates as they will be stored: the server stamp, and for applications their completeness. */
async function stampDocuments(deps: PushDeps, scope: DocumentScope, userId: string, candidates: Candidate[]): Promise<StoredDocument[]> {
  const now = deps.clock.now().toISOString();
  const stamp = { receivedAt: now, owner: userId };
  const docs = candidates.map((c) => toStoredDocument(c.row.next, stamp, c.master?._rev));
  return refersToMaterials(scope.collection) ? stampCompleteness(deps.materials, userId, docs, candidates, now) : docs;
}

async function writeCandidates(
  deps: PushDeps,
  scope: DocumentScope,
  candidates: Candidate[],
  docs: StoredDocument[],
  includeServer: boolean,
  state: PushState,
): Promise<StoredDocument[]> {
  const outcomes = await deps.documents.writeDocuments(scope, docs);
  const raced: CheckedRow[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) {
      state.written += 1;
      state.writtenIds.add(docs[i]._id);
    } else if (outcome.conflict) raced.push(candidates[i].row);
    else state.errors.push({ id: outcome.id, ...toProblemBody('INTERNAL', { detail: 'the store refused this document' }) });
  });
  const written = docs.filter((_doc, i) => outcomes[i].ok);
  if (raced.length === 0) return written;
  // Another writer (another gateway instance, or a parallel retry) got there
  // first: answer with the master it left, unless it already holds this state.
  const masters = await deps.documents.readDocuments(
    scope,
    raced.map((row) => row.id),
  );
  for (const row of raced) {
    const master = masters.get(row.id);
    const masterWire = master ? toWireDocument(master, { includeServer }) : null;
    if (masterWire && sameClientContent(masterWire, row.next)) state.unchanged += 1;
    else if (masterWire) state.conflicts.push(masterWire);
    else state.errors.push({ id: row.id, ...toProblemBody('INTERNAL', { detail: 'concurrent write could not be resolved' }) });
  }
  return written;
}

/** Records on each application whether its owner already holds every material it refers to. */
async function stampCompleteness(materials: MaterialStore, userId: string, docs: StoredDocument[], candidates: Candidate[], now: string): Promise<StoredDocument[]> {
  const held = await materials.findHeld(userId, [...new Set(docs.flatMap(materialsOf))]);
  return docs.map((doc, i) => withCompleteness(doc, held, candidates[i].master, now));
}

/**
 * A material can land between the check above and the write: its own
 * re-check then ran before this application was stored and missed it. Looking
 * again after the write closes that gap (one of the two always sees the other).
 */
async function completeIfMaterialsArrivedMeanwhile(deps: PushDeps, userId: string, incomplete: StoredDocument[]): Promise<void> {
  if (incomplete.length === 0) return;
  const held = await deps.materials.findHeld(userId, [...new Set(incomplete.flatMap(materialsOf))]);
  if (incomplete.some((doc) => isCompleteWith(doc, held))) await completeApplications(deps, { userId });
}
