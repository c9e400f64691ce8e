import { describe, expect, it, vi } from 'vitest';
import { PERSIST_ANSWER_KEY, requestPersistentStorage } from './storage-space.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe('persistent storage', () => {
  it('should ask once and remember a granted answer', async () => {
    const storage = memoryStorage();
    const manager = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true) };
    expect(await requestPersistentStorage(storage, manager)).toBe(true);
    expect(await requestPersistentStorage(storage, manager)).toBe(true);
    expect(manager.persist).toHaveBeenCalledTimes(1);
    expect(storage.getItem(PERSIST_ANSWER_KEY)).toBe('granted');
  });

  it('should ask again next time after a refusal, and not ask when already persisted', async () => {
    const storage = memoryStorage();
    const refusing = { persisted: async () => false, persist: vi.fn(async () => false) };
    expect(await requestPersistentStorage(storage, refusing)).toBe(false);
    expect(storage.getItem(PERSIST_ANSWER_KEY)).toBe('refused');
    const already = { persisted: async () => true, persist: vi.fn(async () => false) };
    expect(await requestPersistentStorage(storage, already)).toBe(true);
    expect(already.persist).not.toHaveBeenCalled();
  });

  it('should answer false where the browser cannot persist', async () => {
    expect(await requestPersistentStorage(memoryStorage(), undefined)).toBe(false);
    expect(
      await requestPersistentStorage(memoryStorage(), {
        persist: async () => {
          throw new Error('blocked');
        },
      }),
    ).toBe(false);
  });
});
