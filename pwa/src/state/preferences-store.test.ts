import { describe, expect, it } from 'vitest';
import { AREAS_KEY, createPreferencesStore } from './preferences-store.js';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), items };
}

describe('createPreferencesStore', () => {
  it('should remember areas, elder mode and the server clock offset', () => {
    const storage = memoryStorage();
    const first = createPreferencesStore(storage);
    first.saveAreas(['331123', '331124']);
    first.saveElderMode(true);
    first.saveServerClockOffset(-3600_000.4);
    const later = createPreferencesStore(storage);
    expect(later.loadAreas()).toEqual(['331123', '331124']);
    expect(later.loadElderMode()).toBe(true);
    expect(later.loadServerClockOffset()).toBe(-3600_000);
  });

  it('should start empty and survive damaged values', () => {
    const storage = memoryStorage();
    const store = createPreferencesStore(storage);
    expect(store.loadAreas()).toEqual([]);
    expect(store.loadElderMode()).toBe(false);
    storage.items.set(AREAS_KEY, '{not json');
    expect(store.loadAreas()).toEqual([]);
    storage.items.set(AREAS_KEY, '["331123", 5, null]');
    expect(store.loadAreas()).toEqual(['331123']);
  });
});
