import { combineLatest, defer, map, NEVER, type Observable } from 'rxjs';
import {
  agentSubmissionIssues,
  applicationRuleIssues,
  describeRuleIssue,
  filerRuleIssues,
  guideForRules,
  householdMaterialIssues,
  makeTrackingCode,
  referencedMaterials,
  type RuleIssue,
} from '../../../sync-protocol/index.js';
import type {
  ApplicationDoc,
  ApplicationMaterial,
  AreaDoc,
  Authorisation,
  Commitment,
  GuideDoc,
  HouseholdDoc,
  Rating,
  SessionResponse,
  StatusDoc,
} from '../../../sync-protocol/index.js';
import { deriveStage, orderStatuses, type ApplicationStage } from '../model/application-stage.js';
import { acceptanceNumberOf } from '../model/status-timeline.js';
import type { LockerEntry } from '../model/locker-usage.js';
import { deriveSyncState, isUnsent, type SyncState } from '../model/sync-state.js';
import { addSupplement, rateApplication, type SupplementInput } from './after-submit.js';
import type { DeviceDatabase, UserDatabase } from './create-database.js';
import * as marks from './guide-marks.js';
import type { GuideChangeNotice, SavedGuide } from './guide-marks.js';
import * as households from './households.js';
import * as locker from './locker.js';
import type { LockerFilter, LockerItemView, LockerMeta } from './locker.js';
import type { LockerItemDoc } from './locker-schema.js';
import { lockerEntries$ } from './locker-usage.js';
import { newId } from './new-id.js';
import type { SyncIssueDoc } from './sync-issue-schema.js';
import { clearSyncIssue } from './sync-issues.js';

export { LockerItemInUseError, OtherHouseholdMaterialError } from './locker.js';
export { HouseholdRefusedError } from './households.js';

/** What a person types into a new application. Empty strings mean "not given": a draft may have no name yet. */
export interface NewApplicationInput {
  /** With its materials, the guide's material list is kept to tell the person about later changes. */
  guide: Pick<GuideDoc, 'id' | 'name' | 'version'> & Partial<Pick<GuideDoc, 'materials'>>;
  applicant: { name: string; idNumber?: string; phone?: string; address?: string };
  form: Record<string, string | number | boolean>;
  notes?: string;
  /** Filed by a village agent: the household profile and its member who applies. */
  householdId?: string;
  memberId?: string;
  /** Pages attached (and waivers ticked) before the draft was first written. */
  materials?: ApplicationMaterial[];
}

/** The parts of a draft the form holds; materials are replaced only when given. */
export type DraftParts = Pick<NewApplicationInput, 'applicant' | 'form' | 'materials'>;

/** An application with what the UI needs to say about it. */
export interface ApplicationView {
  application: ApplicationDoc;
  syncState: SyncState;
  issue?: SyncIssueDoc;
  /** The province's 受理编号, from whichever status carried it (later ones need not repeat it). */
  acceptanceNumber?: string;
  /** Every status the gateway published for it, in the order they happened. */
  statuses: StatusDoc[];
  /** The one state the person sees (草稿 … 已办结). */
  stage: ApplicationStage;
}

/** The data interface the UI sees: plain JSON and observables, no RxDB objects. */
export interface DataApi {
  guides$: Observable<GuideDoc[]>;
  guide$(id: string): Observable<GuideDoc | null>;
  getGuide(id: string): Promise<GuideDoc | null>;
  /** Every area the gateway knows (for the area picker), by code. */
  areas$: Observable<AreaDoc[]>;
  /** Ticked material keys of a guide's checklist. */
  checklist$(guideId: string): Observable<string[]>;
  setChecklistItem(guideId: string, materialKey: string, ticked: boolean): Promise<void>;
  /** Saved guides (收藏), newest first. */
  savedGuides$: Observable<SavedGuide[]>;
  isSaved$(guideId: string): Observable<boolean>;
  saveGuide(guide: GuideDoc): Promise<void>;
  unsaveGuide(guideId: string): Promise<void>;
  /** What changed in a guide's material list since the person saved it or applied with it. */
  guideChange$(guide: GuideDoc): Observable<GuideChangeNotice | null>;
  acknowledgeGuideChange(guide: GuideDoc): Promise<void>;
  /** The signed-in person's applications, newest first. Never emits while nobody is signed in. */
  applications$: Observable<ApplicationView[]>;
  /** One application of the signed-in person with its sync state; null when there is none. */
  application$(id: string): Observable<ApplicationView | null>;
  createApplication(input: NewApplicationInput): Promise<ApplicationDoc>;
  /** Replaces a draft's typed values (autosave). Refuses once the application is submitted. */
  updateDraft(id: string, parts: DraftParts): Promise<ApplicationDoc>;
  /** Replaces a draft's materials (pages attached, removed, waived). Refuses once submitted. */
  setDraftMaterials(id: string, materials: ApplicationMaterial[]): Promise<ApplicationDoc>;
  /**
   * Marks an application submitted and gives it a tracking code made on the
   * device (kept if it already has one: a resend is the same application).
   * Waived materials need the signed commitment, naming exactly those.
   */
  submitApplication(id: string, extras?: { commitment?: Commitment; authorisation?: Authorisation }): Promise<ApplicationDoc>;
  /** Keeps a processed photo or a signature in the material locker, once per content. */
  putMaterial(input: { blob: Blob; thumbnail?: Blob; meta: LockerMeta }): Promise<LockerItemDoc>;
  /** The locker, newest first, with thumbnails; for an agent's household, only that household's. */
  lockerItems$(filter?: LockerFilter): Observable<LockerItemView[]>;
  /** A village agent's household profiles (empty for everyone else). */
  households$: Observable<HouseholdDoc[]>;
  household$(id: string): Observable<HouseholdDoc | null>;
  /** Keeps a profile after the protocol's rules; rejects with HouseholdRefusedError naming the fields. */
  saveHousehold(household: HouseholdDoc): Promise<HouseholdDoc>;
  /** The result of an application was brought to its household (it leaves 待回访). */
  markResultDelivered(householdId: string, applicationId: string): Promise<void>;
  getMaterialBlob(sha256: string): Promise<Blob | null>;
  getMaterialThumbnail(sha256: string): Promise<Blob | null>;
  /** Hashes that submitted applications need and the gateway does not hold yet (the upload queue). */
  unsentMaterialHashes(): Promise<string[]>;
  /** Records that the gateway confirmed it holds a material. */
  markMaterialUploaded(sha256: string): Promise<void>;
  /** Answers a 补件 request of the province with new pages (already in the locker). */
  addSupplement(applicationId: string, input: SupplementInput): Promise<ApplicationDoc>;
  /** 好差评 of a completed application, given once. */
  rateApplication(applicationId: string, rating: Omit<Rating, 'at'>): Promise<ApplicationDoc>;
  /** Submitted applications not wholly at the gateway yet (待发送 or 发送中); 0 when signed out. */
  countUnsent(): Promise<number>;
  /** 我的材料柜: every locker item, newest first, with the applications using it and whether it may go. */
  lockerEntries$: Observable<LockerEntry[]>;
  /**
   * Deletes a locker item and its bytes from the phone. Rejects with
   * `LockerItemInUseError` while a draft or an unsent application needs it.
   */
  removeLockerItem(sha256: string): Promise<void>;
}

/** The databases one data interface reads: the shared one, and the signed-in person's own (or none). */
export interface DataSources {
  device: DeviceDatabase;
  user: UserDatabase | null;
}

export interface DataApiOptions {
  /** Device clock, for display timestamps only. */
  now?: () => Date;
  /** Random bytes for tracking codes; crypto.getRandomValues by default. */
  randomBytes?: (n: number) => Uint8Array;
  /** The signed-in person, as the session says: who files (an agent's rules apply to agents). */
  person?: SessionResponse['user'];
}

/**
 * Builds the data interface over open databases. It is bound to one user's
 * database for its whole life: after a switch of user the app builds a new
 * one, so a page left open can never write into the next person's data.
 */
export function createDataApi(sources: DataSources, options: DataApiOptions = {}): DataApi {
  const { device, user } = sources;
  const now = options.now ?? (() => new Date());
  const randomBytes = options.randomBytes ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const plain = <T>(doc: { toJSON(): unknown } | null) => (doc ? (doc.toJSON() as T) : null);
  const signedIn = (): UserDatabase => {
    if (!user) throw new Error('nobody is signed in');
    return user;
  };

  return {
    guides$: device.guides.find({ sort: [{ name: 'asc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as GuideDoc))),
    guide$: (id) => device.guides.findOne(id).$.pipe(map((d) => plain<GuideDoc>(d))),
    getGuide: async (id) => plain<GuideDoc>(await device.guides.findOne(id).exec()),
    areas$: device.areas.find({ sort: [{ code: 'asc' }] }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as AreaDoc))),
    checklist$: (guideId) => marks.watchChecklist(device, guideId),
    setChecklistItem: (guideId, key, ticked) => marks.setChecklistItem(device, guideId, key, ticked, now().toISOString()),
    // Deferred: a test phone may leave the marks closed (see DatabaseOptions.leaveClosed).
    savedGuides$: defer(() => marks.watchSavedGuides(device)),
    isSaved$: (guideId) => marks.watchIsSaved(device, guideId),
    saveGuide: (guide) => marks.saveGuide(device, guide, now().toISOString()),
    unsaveGuide: (guideId) => marks.unsaveGuide(device, guideId, now().toISOString()),
    guideChange$: (guide) => marks.watchGuideChange(device, user, guide),
    acknowledgeGuideChange: (guide) => marks.acknowledgeGuideChange(device, user, guide, now().toISOString()),
    applications$: user ? watchApplications(user) : NEVER,
    application$: (id) => (user ? watchApplications(user).pipe(map((views) => views.find((v) => v.application.id === id) ?? null)) : NEVER),
    async createApplication(input) {
      const db = signedIn();
      const at = now().toISOString();
      const doc: ApplicationDoc = {
        id: newId('app'),
        guideId: input.guide.id,
        guideVersion: input.guide.version,
        guideName: input.guide.name,
        applicant: withoutEmpty(input.applicant) as ApplicationDoc['applicant'],
        form: withoutEmpty(input.form),
        ...(input.notes ? { notes: input.notes } : {}),
        ...(input.householdId ? { householdId: input.householdId } : {}),
        ...(input.memberId ? { memberId: input.memberId } : {}),
        ...(input.materials?.length ? { materials: input.materials } : {}),
        lifecycle: 'draft',
        createdAt: at,
        updatedAt: at,
      };
      const saved = await db.applications.insert(doc);
      if (input.guide.materials) await marks.noteStartedGuide(db, { ...input.guide, materials: input.guide.materials }, at);
      return saved.toJSON() as ApplicationDoc;
    },
    async updateDraft(id, parts) {
      const db = signedIn();
      const doc = await db.applications.findOne(id).exec();
      if (!doc) throw new Error(`application ${id} not found`);
      const updated = await doc.incrementalModify((current) => {
        // A late autosave must never rewrite what was already submitted.
        if (current.lifecycle !== 'draft') return current;
        return {
          ...current,
          applicant: withoutEmpty(parts.applicant) as ApplicationDoc['applicant'],
          form: withoutEmpty(parts.form),
          ...(parts.materials ? { materials: parts.materials } : {}),
          updatedAt: now().toISOString(),
        };
      });
      const saved = updated.toJSON() as ApplicationDoc;
      if (saved.lifecycle !== 'draft') throw new Error(`application ${id} is already submitted`);
      return saved;
    },
    async setDraftMaterials(id, materials) {
      const db = signedIn();
      const doc = await db.applications.findOne(id).exec();
      if (!doc) throw new Error(`application ${id} not found`);
      const updated = await doc.incrementalModify((current) => (current.lifecycle !== 'draft' ? current : { ...current, materials, updatedAt: now().toISOString() }));
      const saved = updated.toJSON() as ApplicationDoc;
      if (saved.lifecycle !== 'draft') throw new Error(`application ${id} is already submitted`);
      return saved;
    },
    async submitApplication(id, extras = {}) {
      const db = signedIn();
      const doc = await db.applications.findOne(id).exec();
      if (!doc) throw new Error(`application ${id} not found`);
      const current = doc.toJSON() as ApplicationDoc;
      const commitment = extras.commitment ?? current.commitment;
      const authorisation = extras.authorisation ?? current.authorisation;
      const guide = plain<GuideDoc>(await device.guides.findOne(current.guideId).exec());
      const next = { ...current, ...(commitment ? { commitment } : {}), ...(authorisation ? { authorisation } : {}) };
      checkSubmittable(next, guide, now(), { person: options.person, boundTo: await householdsOfMaterials(db, next) });
      const at = now().toISOString();
      const trackingCode = doc.trackingCode ?? makeTrackingCode(randomBytes);
      const updated = await doc.incrementalPatch({
        lifecycle: 'submitted',
        submittedAt: at,
        updatedAt: at,
        trackingCode,
        ...(commitment ? { commitment } : {}),
        ...(authorisation ? { authorisation } : {}),
      });
      // A new version goes out: a refusal of the old one no longer applies.
      await clearSyncIssue(db, 'applications', id);
      return updated.toJSON() as ApplicationDoc;
    },
    putMaterial: (input) => locker.putMaterial(signedIn(), { ...input, at: now().toISOString() }),
    lockerItems$: (filter) => (user ? locker.lockerItems$(user, filter) : NEVER),
    // Deferred: a test phone may leave the households closed (see DatabaseOptions.leaveClosed).
    households$: user ? defer(() => households.households$(user)) : NEVER,
    household$: (id) => (user ? user.households.findOne(id).$.pipe(map((d) => plain<HouseholdDoc>(d))) : NEVER),
    saveHousehold: (household) => households.saveHousehold(signedIn(), household, now()),
    markResultDelivered: (householdId, applicationId) => households.markResultDelivered(signedIn(), householdId, applicationId, now().toISOString()),
    getMaterialBlob: (sha256) => locker.getMaterialBlob(signedIn(), sha256),
    getMaterialThumbnail: (sha256) => locker.getMaterialThumbnail(signedIn(), sha256),
    unsentMaterialHashes: async () => (user ? locker.unsentMaterialHashes(user) : []),
    markMaterialUploaded: (sha256) => locker.markUploaded(signedIn(), sha256, now().toISOString()),
    addSupplement: (applicationId, input) => addSupplement(signedIn(), applicationId, input, now().toISOString()),
    rateApplication: (applicationId, rating) => rateApplication(signedIn(), applicationId, rating, now().toISOString()),
    async countUnsent() {
      if (!user) return 0;
      const [apps, issues] = await Promise.all([user.applications.find().exec(), user.syncissues.find({ selector: { scope: 'applications' } }).exec()]);
      const refused = new Set(issues.map((i) => i.documentId));
      return apps.filter((d) => isUnsent(deriveSyncState(d.toJSON() as ApplicationDoc, refused.has(d.id)))).length;
    },
    lockerEntries$: user ? lockerEntries$(user) : NEVER,
    removeLockerItem: (sha256) => locker.removeLockerItem(signedIn(), sha256),
  };
}

function watchApplications(db: UserDatabase): Observable<ApplicationView[]> {
  return combineLatest([db.applications.find().$, db.syncissues.find({ selector: { scope: 'applications' } }).$, db.statuses.find().$]).pipe(
    map(([apps, issues, statuses]) => {
      const issueById = new Map(issues.map((i) => [i.documentId, i.toJSON() as SyncIssueDoc]));
      const byApplication = statusesByApplication(statuses.map((s) => s.toJSON() as StatusDoc));
      return apps
        .map((d) => d.toJSON() as ApplicationDoc)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((application): ApplicationView => {
          const issue = issueById.get(application.id);
          const own = orderStatuses(byApplication.get(application.id) ?? []);
          const syncState = deriveSyncState(application, Boolean(issue));
          const acceptanceNumber = acceptanceNumberOf(own);
          return { application, issue, ...(acceptanceNumber ? { acceptanceNumber } : {}), statuses: own, syncState, stage: deriveStage(syncState, own) };
        });
    }),
  );
}

function statusesByApplication(statuses: StatusDoc[]): Map<string, StatusDoc[]> {
  const grouped = new Map<string, StatusDoc[]>();
  for (const s of statuses) grouped.set(s.applicationId, [...(grouped.get(s.applicationId) ?? []), s]);
  return grouped;
}

/** The phone refuses to mark an application submitted: the broken rules, as codes and fields. */
export class SubmissionRefusedError extends Error {
  constructor(
    readonly applicationId: string,
    readonly issues: RuleIssue[],
  ) {
    super(`application ${applicationId} cannot be submitted: ${issues.map(describeRuleIssue).join('; ')}`);
    this.name = 'SubmissionRefusedError';
  }
}

/**
 * A draft may be incomplete (no name yet); a submitted application must pass
 * the protocol's rules against the guide version it names, exactly as the
 * gateway checks them, or the gateway would refuse it later, after the
 * person was told it was sent.
 */
function checkSubmittable(draft: ApplicationDoc, guide: GuideDoc | null, today: Date, context: { person?: SessionResponse['user']; boundTo: ReadonlyMap<string, string> }): void {
  const next = { ...draft, lifecycle: 'submitted' as const };
  const issues = applicationRuleIssues(next, { guide: guideForRules(draft, guide), today });
  if (context.person) {
    const filer = { userId: context.person.id, role: context.person.role };
    issues.push(...filerRuleIssues(next, filer), ...agentSubmissionIssues(next, filer), ...householdMaterialIssues(next, context.boundTo));
  }
  if (issues.length > 0) throw new SubmissionRefusedError(draft.id, issues);
}

/** The household each material of an application was kept for on this phone (the gateway holds the same binding). */
async function householdsOfMaterials(db: UserDatabase, app: ApplicationDoc): Promise<Map<string, string>> {
  const items = await db.materials.findByIds(referencedMaterials(app)).exec();
  const bound = new Map<string, string>();
  for (const [sha, item] of items) if (item.householdId) bound.set(sha, item.householdId);
  return bound;
}

function withoutEmpty<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === ''))) as T;
}
