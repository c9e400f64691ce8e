import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import { UPLOADS_STORE, type TransferStore } from './transfer-store.js';

interface StoredUpload {
  key: string;
  fingerprint: string;
  upload: PreviousUpload;
}

/**
 * tus-js-client's URL storage in IndexedDB instead of localStorage: the
 * service worker resumes the uploads a closed page started, and the other
 * way round.
 */
export function createIdbUrlStorage(store: TransferStore, random: () => number = Math.random): UrlStorage {
  const entries = async () => (await store.getAll<StoredUpload>(UPLOADS_STORE)).map((e) => ({ ...e.upload, urlStorageKey: e.key }));
  return {
    findAllUploads: entries,
    async findUploadsByFingerprint(fingerprint) {
      return (await store.getAll<StoredUpload>(UPLOADS_STORE)).filter((e) => e.fingerprint === fingerprint).map((e) => ({ ...e.upload, urlStorageKey: e.key }));
    },
    removeUpload: (key) => store.delete(UPLOADS_STORE, key),
    async addUpload(fingerprint, upload) {
      const key = `tus::${fingerprint}::${Math.round(random() * 1e12)}`;
      await store.put(UPLOADS_STORE, { key, fingerprint, upload } satisfies StoredUpload);
      return key;
    },
  };
}

/** Forgets every stored upload of a fingerprint (the gateway dropped it: a hash mismatch). */
export async function forgetUploads(storage: UrlStorage, fingerprint: string): Promise<void> {
  for (const upload of await storage.findUploadsByFingerprint(fingerprint)) await storage.removeUpload(upload.urlStorageKey);
}
