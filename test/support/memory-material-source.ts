import type { MaterialSource } from '../../device-core/transfer/material-source.js';

/** An in-memory locker for tests: `blobs` by hash, all unsent until marked. */
export function createMemoryMaterialSource(blobs: ReadonlyMap<string, Blob>): MaterialSource & { readonly uploaded: ReadonlySet<string> } {
  const uploaded = new Set<string>();
  return {
    uploaded,
    async unsent() {
      return [...blobs.keys()].filter((sha256) => !uploaded.has(sha256));
    },
    async blob(sha256) {
      return blobs.get(sha256) ?? null;
    },
    async markUploaded(sha256) {
      uploaded.add(sha256);
    },
  };
}
