import { describe, expect, it } from 'vitest';
import { CachedSessionStore } from './cached-sessions.js';
import type { Session, SessionStore } from './store.js';

const session: Session = { tokenHash: 'h1', login: 'demo', userId: 'u1', tokenGeneration: 1, createdAt: '2026-12-03T00:00:00.000Z', expiresAt: '2027-01-02T00:00:00.000Z' };

function countingStore(held: Session[]) {
  const reads: string[] = [];
  const store: SessionStore = {
    create: async (s) => void held.push(s),
    findByTokenHash: async (hash) => {
      reads.push(hash);
      return held.find((s) => s.tokenHash === hash) ?? null;
    },
  };
  return { store, reads };
}

describe('CachedSessionStore', () => {
  it('should read a session once within the time it is remembered', async () => {
    let now = 0;
    const { store, reads } = countingStore([session]);
    const cached = new CachedSessionStore(store, () => now, 10_000);
    expect(await cached.findByTokenHash('h1')).toEqual(session);
    now = 9_999;
    expect(await cached.findByTokenHash('h1')).toEqual(session);
    expect(reads).toEqual(['h1']);
  });

  it('should ask the store again once the time is over', async () => {
    let now = 0;
    const held = [session];
    const { store, reads } = countingStore(held);
    const cached = new CachedSessionStore(store, () => now, 10_000);
    await cached.findByTokenHash('h1');
    held.pop();
    now = 10_000;
    expect(await cached.findByTokenHash('h1')).toBeNull();
    expect(reads).toEqual(['h1', 'h1']);
  });

  it('should not remember unknown tokens', async () => {
    const { store, reads } = countingStore([]);
    const cached = new CachedSessionStore(store, () => 0);
    await cached.findByTokenHash('nope');
    await cached.findByTokenHash('nope');
    expect(reads).toEqual(['nope', 'nope']);
  });

  it('should hold at most the entries given, dropping the oldest', async () => {
    const sessions = ['a', 'b', 'c'].map((tokenHash) => ({ ...session, tokenHash }));
    const { store, reads } = countingStore(sessions);
    const cached = new CachedSessionStore(store, () => 0, 10_000, 2);
    for (const hash of ['a', 'b', 'c', 'c', 'b', 'a']) await cached.findByTokenHash(hash);
    expect(reads).toEqual(['a', 'b', 'c', 'a']);
  });
});
