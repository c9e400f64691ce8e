import { describeSpace, type SpaceReport } from '../model/storage-space.js';

/** Where the browser's answer to `navigator.storage.persist()` is remembered. */
export const PERSIST_ANSWER_KEY = 'tb.storage.persisted';

/**
 * Asks once, when filing starts, that the browser keep this app's data under
 * storage pressure (drafts and photos must never be evicted silently). The
 * answer is remembered: a granted request is not asked again; a refused one
 * is asked again next time filing starts, as browsers grant it later (an
 * installed app, more use).
 */
export async function requestPersistentStorage(
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  manager: Partial<Pick<StorageManager, 'persist' | 'persisted'>> | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  if (storage.getItem(PERSIST_ANSWER_KEY) === 'granted') return true;
  if (!manager?.persist) return false;
  try {
    const granted = (await manager.persisted?.()) || (await manager.persist());
    storage.setItem(PERSIST_ANSWER_KEY, granted ? 'granted' : 'refused');
    return granted;
  } catch {
    return false;
  }
}

/** How much room there is, in words; 'unknown' where the browser does not say. */
export async function readStorageSpace(): Promise<SpaceReport> {
  try {
    return describeSpace(await navigator.storage?.estimate?.());
  } catch {
    return describeSpace(null);
  }
}
