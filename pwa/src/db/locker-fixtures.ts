import { afterEach, beforeEach } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import type { UserDatabase } from './create-database.js';
import type { Databases } from './databases.js';
import { createTestDatabases } from './test-database.js';

/** Test fixtures shared by the locker's db tests (never imported by the app). */

/** A few bytes that start and end like a JPEG; `filler` sets the size, `seed` the hash. */
export function tinyJpeg(seed: number, filler: number[] = [1, 2, 3]): Blob {
  return new Blob([new Uint8Array([0xff, 0xd8, 0xff, seed, ...filler, 0xff, 0xd9])], { type: 'image/jpeg' });
}

/** What the form records for a photo of an identity card. */
export const ID_CARD_META = { kind: 'photo' as const, label: '居民身份证', materialKey: 'id-card' };

const AT = '2026-11-25T08:00:00.000Z';

/** An application whose 居民身份证 pages are the given locker hashes. */
export function applicationUsing(id: string, lifecycle: ApplicationDoc['lifecycle'], hashes: string[], name = '王秀英'): ApplicationDoc {
  return {
    id,
    guideId: 'guide-0001',
    guideVersion: 1,
    guideName: '个体工商户设立登记',
    applicant: { name },
    form: {},
    lifecycle,
    createdAt: AT,
    updatedAt: AT,
    materials: [{ key: 'id-card', name: '居民身份证', pages: hashes.map((sha256) => ({ sha256, bytes: 9, contentType: 'image/jpeg' as const })) }],
  };
}

/** A fresh phone with user `u1` open for each test of the enclosing describe, handed to `use`, closed after the test. */
export function useTestUser(use: (opened: { db: UserDatabase; databases: Databases }) => void): void {
  let databases: Databases;
  beforeEach(async () => {
    databases = await createTestDatabases();
    use({ db: await databases.openUser('u1'), databases });
  });
  afterEach(async () => {
    await databases.close();
  });
}
