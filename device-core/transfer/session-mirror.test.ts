import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { mirrorSession, readMirroredSessions } from './session-mirror.js';
import { openTransferStore } from './transfer-store.js';

describe('mirrorSession', () => {
  it('should keep only the signed-in person and forget everyone at sign-out', async () => {
    const store = await openTransferStore(new IDBFactory());
    await mirrorSession(store, { userId: 'u-alice', token: 'ta' });
    expect(await readMirroredSessions(store)).toEqual([{ userId: 'u-alice', token: 'ta' }]);
    await mirrorSession(store, { userId: 'u-bob', token: 'tb' });
    expect(await readMirroredSessions(store)).toEqual([{ userId: 'u-bob', token: 'tb' }]);
    await mirrorSession(store, null);
    expect(await readMirroredSessions(store)).toEqual([]);
    store.close();
  });
});
