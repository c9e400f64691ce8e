import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { UserDatabase } from './create-database.js';
import { lockerItems$, OtherHouseholdMaterialError, putMaterial } from './locker.js';
import { assignLockerToHouseholds } from './locker-households.js';
import { applicationUsing, ID_CARD_META, tinyJpeg, useTestUser } from './locker-fixtures.js';

const at = '2026-11-25T08:00:00.000Z';
const shown = async (db: UserDatabase, householdId: string) => (await firstValueFrom(lockerItems$(db, { kind: 'photo', householdId }))).map((v) => v.item.sha256);

describe('the locker of a village agent, per household', () => {
  let db: UserDatabase;
  useTestUser((opened) => ({ db } = opened));

  it('offers a photo only for the household it was taken for', async () => {
    const a = await putMaterial(db, { blob: tinyJpeg(1), meta: { ...ID_CARD_META, householdId: 'household-a' }, at });
    const b = await putMaterial(db, { blob: tinyJpeg(2), meta: { ...ID_CARD_META, householdId: 'household-b' }, at });
    await putMaterial(db, { blob: tinyJpeg(3), meta: ID_CARD_META, at }); // kept before households: no household
    expect(await shown(db, 'household-a')).toEqual([a.sha256]);
    expect(await shown(db, 'household-b')).toEqual([b.sha256]);
  });

  it('refuses the same bytes for another household, and keeps the first', async () => {
    const a = await putMaterial(db, { blob: tinyJpeg(1), meta: { ...ID_CARD_META, householdId: 'household-a' }, at });
    await expect(putMaterial(db, { blob: tinyJpeg(1), meta: { ...ID_CARD_META, householdId: 'household-b' }, at })).rejects.toBeInstanceOf(OtherHouseholdMaterialError);
    expect((await db.materials.findOne(a.sha256).exec())?.householdId).toBe('household-a');
    // The same household again is the point of the locker.
    expect((await putMaterial(db, { blob: tinyJpeg(1), meta: { ...ID_CARD_META, householdId: 'household-a' }, at })).sha256).toBe(a.sha256);
  });

  it('assigns items kept before households by the applications that use them; one used by two households goes to neither', async () => {
    const one = await putMaterial(db, { blob: tinyJpeg(1), meta: ID_CARD_META, at });
    const both = await putMaterial(db, { blob: tinyJpeg(2), meta: ID_CARD_META, at });
    const unused = await putMaterial(db, { blob: tinyJpeg(3), meta: ID_CARD_META, at });
    await db.applications.bulkInsert([
      { ...applicationUsing('app-00000001', 'submitted', [one.sha256, both.sha256]), householdId: 'household-a' },
      { ...applicationUsing('app-00000002', 'draft', [both.sha256]), householdId: 'household-b' },
    ]);
    expect(await assignLockerToHouseholds(db)).toEqual({ assigned: 1, shared: [both.sha256] });
    expect(await shown(db, 'household-a')).toEqual([one.sha256]);
    expect(await shown(db, 'household-b')).toEqual([]);
    expect((await db.materials.findOne(unused.sha256).exec())?.householdId).toBeUndefined();
    expect(await assignLockerToHouseholds(db)).toEqual({ assigned: 0, shared: [both.sha256] });
  });
});
