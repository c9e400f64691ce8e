import { combineLatest, map, type Observable } from 'rxjs';
import type { ApplicationDoc, GuideDoc, StatusDoc } from '../../../sync-protocol/index.js';
import { deriveSyncState, type SyncState } from '../model/sync-state.js';
import type { TongbanDatabase } from './create-database.js';
import { newId } from './new-id.js';
import { syncIssueId, type SyncIssueDoc } from './sync-issue-schema.js';

/** What a person types into a new application. Empty strings mean "not given". */
export interface NewApplicationInput {
  guide: Pick<GuideDoc, 'id' | 'name' | 'version'>;
  applicant: { name: string; idNumber?: string; phone?: string };
  form: Record<string, string | number | boolean>;
  notes?: string;
}

/** An application with what the UI needs to say about it. */
export interface ApplicationView {
  application: ApplicationDoc;
  syncState: SyncState;
  issue?: SyncIssueDoc;
  latestStatus?: StatusDoc;
}

/** The data interface the UI sees: plain JSON and observables, no RxDB objects. */
export interface DataApi {
  guides$: Observable<GuideDoc[]>;
  guide$(id: string): Observable<GuideDoc | null>;
  getGuide(id: string): Promise<GuideDoc | null>;
  applications$: Observable<ApplicationView[]>;
  createApplication(input: NewApplicationInput): Promise<ApplicationDoc>;
  submitApplication(id: string): Promise<ApplicationDoc>;
}

export interface DataApiOptions {
  /** Device clock, for display timestamps only. */
  now?: () => Date;
}

/** Builds the data interface over an open database. */
export function createDataApi(db: TongbanDatabase, options: DataApiOptions = {}): DataApi {
  const now = options.now ?? (() => new Date());
  const plain = <T>(doc: { toJSON(): unknown } | null) => (doc ? (doc.toJSON() as T) : null);

  const guides$ = db.guides
    .find({ sort: [{ name: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as GuideDoc)));

  const applications$ = combineLatest([
    db.applications.find().$,
    db.syncissues.find({ selector: { scope: 'applications' } }).$,
    db.statuses.find().$,
  ]).pipe(
    map(([apps, issues, statuses]) => {
      const issueById = new Map(issues.map((i) => [i.documentId, i.toJSON() as SyncIssueDoc]));
      const latest = latestStatusByApplication(statuses.map((s) => s.toJSON() as StatusDoc));
      return apps
        .map((d) => d.toJSON() as ApplicationDoc)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((application): ApplicationView => {
          const issue = issueById.get(application.id);
          return { application, issue, latestStatus: latest.get(application.id), syncState: deriveSyncState(application, Boolean(issue)) };
        });
    }),
  );

  return {
    guides$,
    guide$: (id) => db.guides.findOne(id).$.pipe(map((d) => plain<GuideDoc>(d))),
    getGuide: async (id) => plain<GuideDoc>(await db.guides.findOne(id).exec()),
    applications$,
    async createApplication(input) {
      const at = now().toISOString();
      const doc: ApplicationDoc = {
        id: newId('app'),
        guideId: input.guide.id,
        guideVersion: input.guide.version,
        guideName: input.guide.name,
        applicant: withoutEmpty(input.applicant) as ApplicationDoc['applicant'],
        form: withoutEmpty(input.form),
        ...(input.notes ? { notes: input.notes } : {}),
        lifecycle: 'draft',
        createdAt: at,
        updatedAt: at,
      };
      const saved = await db.applications.insert(doc);
      return saved.toJSON() as ApplicationDoc;
    },
    async submitApplication(id) {
      const doc = await db.applications.findOne(id).exec();
      if (!doc) throw new Error(`application ${id} not found`);
      const at = now().toISOString();
      const updated = await doc.incrementalPatch({ lifecycle: 'submitted', submittedAt: at, updatedAt: at });
      // A new version goes out: a refusal of the old one no longer applies.
      await clearSyncIssue(db, 'applications', id);
      return updated.toJSON() as ApplicationDoc;
    },
  };
}

/** Records documents the gateway refused on push, one open issue per document. */
export async function recordSyncIssues(
  db: TongbanDatabase,
  collection: string,
  errors: { id: string; code: string; message: string; field?: string }[],
  now: () => Date = () => new Date(),
): Promise<void> {
  if (errors.length === 0) return;
  await db.syncissues.bulkUpsert(
    errors.map((e) => ({
      id: syncIssueId(collection, e.id),
      scope: collection,
      documentId: e.id,
      code: e.code.slice(0, 64),
      message: e.message.slice(0, 500),
      ...(e.field ? { field: e.field.slice(0, 200) } : {}),
      at: now().toISOString(),
    })),
  );
}

/** Removes the open issue of a document, if any. */
export async function clearSyncIssue(db: TongbanDatabase, collection: string, documentId: string): Promise<void> {
  await db.syncissues.findOne(syncIssueId(collection, documentId)).remove();
}

function latestStatusByApplication(statuses: StatusDoc[]): Map<string, StatusDoc> {
  const latest = new Map<string, StatusDoc>();
  for (const s of statuses) {
    const current = latest.get(s.applicationId);
    if (!current || current.at < s.at) latest.set(s.applicationId, s);
  }
  return latest;
}

function withoutEmpty<T extends Record<string, unknown>>(values: T): T {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === '')),
  ) as T;
}
