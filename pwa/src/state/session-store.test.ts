import { describe, expect, it } from 'vitest';
import { createSessionStore } from './session-store.js';

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

describe('session store', () => {
  const session = { token: 't', user: { id: 'u1', login: 'demo', displayName: '演示', role: 'applicant' as const } };

  it('should give back the saved session after a reload', () => {
    const storage = memoryStorage();
    createSessionStore(storage).save(session);
    expect(createSessionStore(storage).load()).toEqual(session);
  });

  it('should forget the session on sign-out', () => {
    const store = createSessionStore(memoryStorage());
    store.save(session);
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('should ignore a damaged entry', () => {
    const storage = memoryStorage();
    storage.setItem('tongban.session', '{not json');
    expect(createSessionStore(storage).load()).toBeNull();
    storage.setItem('tongban.session', '{"token":1}');
    expect(createSessionStore(storage).load()).toBeNull();
  });
});
