import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { planSentCleanUp } from '../model/locker-clean-up.js';
import type { UserDatabase } from './create-database.js';
import { markUploaded, putMaterial, removeLockerItem } from './locker.js';
import { removeLockerItems } from './locker-clean-up.js';
import { applicationUsing, ID_CARD_META, tinyJpeg, useTestUser } from './locker-fixtures.js';
import { lockerEntries$ } from './locker-usage.js';

const jpeg = (seed: number) => tinyJpeg(seed);
const idCard = ID_CARD_META;
const application = applicationUsing;
const AT = '2026-11-25T08:00:00.000Z';

describe('locker clean-up of delivered photos', () => {
  let db: UserDatabase;
  useTestUser((opened) => ({ db } = opened));

  it('should delete every delivered photo and skip one a new draft took up meanwhile', async () => {
    const [a, b, c, unsent] = await Promise.all([1, 2, 3, 4].map((seed) => putMaterial(db, { blob: jpeg(seed), meta: idCard, at: AT })));
    await db.applications.bulkInsert([application('app-0001', 'submitted', [a.sha256, b.sha256, c.sha256]), application('app-0002', 'submitted', [unsent.sha256])]);
    for (const item of [a, b, c]) await markUploaded(db, item.sha256, '2026-11-25T09:00:00.000Z');

    const plan = planSentCleanUp(await firstValueFrom(lockerEntries$(db)));
    expect([...plan.sha256s].sort()).toEqual([a.sha256, b.sha256, c.sha256].sort());

    // After the list was drawn, the agent starts a draft reusing photo b.
    await db.applications.insert(application('app-0003', 'draft', [b.sha256]));

    const progress: string[] = [];
    const outcome = await removeLockerItems(
      plan.sha256s.map((sha256) => ({ sha256, bytes: 100 })),
      { remove: (sha) => removeLockerItem(db, sha), onProgress: (done, total) => progress.push(`${done}/${total}`) },
    );
    expect(outcome).toEqual({ removed: 2, freedBytes: 200, skipped: 1, failed: 0 });
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    const left = (await db.materials.find().exec()).map((d) => d.sha256).sort();
    expect(left).toEqual([b.sha256, unsent.sha256].sort());
  });

  it('should count a failure apart from a refusal and go on with the rest', async () => {
    const outcome = await removeLockerItems(
      [
        { sha256: 'x', bytes: 5 },
        { sha256: 'y', bytes: 7 },
      ],
      {
        remove: async (sha) => {
          if (sha === 'x') throw new Error('disk');
        },
      },
    );
    expect(outcome).toEqual({ removed: 1, freedBytes: 7, skipped: 0, failed: 1 });
  });
});
