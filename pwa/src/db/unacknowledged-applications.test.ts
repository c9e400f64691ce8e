import { firstValueFrom, filter } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';
import type { Databases } from './databases.js';
import { createTestDatabases } from './test-database.js';
import { clearSyncIssue, recordSyncIssues } from './sync-issues.js';
import { hasUnacknowledgedApplications$ } from './unacknowledged-applications.js';

function application(id: string, lifecycle: ApplicationDoc['lifecycle']): ApplicationDoc {
  const at = '2026-11-26T03:00:00.000Z';
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: {},
    lifecycle,
    createdAt: at,
    updatedAt: at,
    ...(lifecycle === 'submitted' ? { submittedAt: at } : {}),
    materials: [],
  };
}

describe('hasUnacknowledgedApplications$', () => {
  let databases: Databases;
  let db: UserDatabase;

  beforeEach(async () => {
    databases = await createTestDatabases();
    db = await databases.openUser('u1');
  });
  afterEach(async () => {
    await databases.close();
  });

  const next = (value: boolean) => firstValueFrom(hasUnacknowledgedApplications$(db).pipe(filter((v) => v === value)));

  it('should say no for a phone with only drafts', async () => {
    await db.applications.insert(application('app-draft1', 'draft'));
    expect(await firstValueFrom(hasUnacknowledgedApplications$(db))).toBe(false);
  });

  it('should say yes while a submitted application has no server stamp, and no once the gateway acknowledged it', async () => {
    const seen: boolean[] = [];
    const subscription = hasUnacknowledgedApplications$(db).subscribe((v) => seen.push(v));
    await next(false);
    await db.applications.insert(application('app-0001', 'submitted'));
    expect(await next(true)).toBe(true);

    const doc = await db.applications.findOne('app-0001').exec();
    await doc!.incrementalPatch({ server: { receivedAt: '2026-11-26T03:01:00.000Z', owner: 'u1' } });
    expect(await next(false)).toBe(false);
    subscription.unsubscribe();
    // Only changes are emitted: a consumer may act on every value.
    expect(seen).toEqual([false, true, false]);
  });

  it('should keep saying yes while any one of several submitted applications is unacknowledged', async () => {
    await db.applications.insert({ ...application('app-0001', 'submitted'), server: { receivedAt: '2026-11-26T03:01:00.000Z' } });
    await db.applications.insert(application('app-0002', 'submitted'));
    expect(await firstValueFrom(hasUnacknowledgedApplications$(db))).toBe(true);
  });

  it('should say no for an application the gateway refused as it stands, and yes again once the person edits it', async () => {
    const seen: boolean[] = [];
    const subscription = hasUnacknowledgedApplications$(db).subscribe((v) => seen.push(v));
    await next(false);
    await db.applications.insert(application('app-0001', 'submitted'));
    await next(true);
    await recordSyncIssues(db, 'applications', [{ id: 'app-0001', code: 'DOCUMENT_INVALID', message: '缺少必需材料', field: 'materials' }]);
    await next(false);
    // The edit clears the issue (pwa/src/db/data-api.ts): the application waits to be pushed again.
    await clearSyncIssue(db, 'applications', 'app-0001');
    await next(true);
    subscription.unsubscribe();
    expect(seen).toEqual([false, true, false, true]);
  });
});
