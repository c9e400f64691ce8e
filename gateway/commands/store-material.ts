import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Clock } from '../clock.js';
import type { DocumentStore, MaterialStore, OutboxStore } from '../store/store.js';
import { completeApplications } from './complete-applications.js';

export interface StoreMaterialDeps {
  documents: DocumentStore;
  materials: MaterialStore;
  clock: Clock;
  /** Applications this material completes are queued here for the province. */
  outbox?: OutboxStore;
}

export interface StoreMaterialInput {
  userId: string;
  /** The SHA-256 the device declared when it created the upload. */
  sha256: string;
  contentType: string;
  /** The received bytes on disk. */
  path: string;
  bytes: number;
}

export type StoreMaterialResult = { outcome: 'stored' | 'exists'; completedApplications: number } | { outcome: 'mismatch'; receivedSha256: string };

/** SHA-256 of a file, lowercase hex, read as a stream (materials reach 20 MB). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * Stores a received material if its bytes hash to what the device declared:
 * a mismatch stores nothing. Storing a hash the user already holds is a no-op.
 * Then stamps `completeAt` on the user's applications that were waiting for
 * this material (also after `exists`: a finish interrupted between the two
 * steps is completed by its retry).
 */
export async function storeMaterial(deps: StoreMaterialDeps, input: StoreMaterialInput): Promise<StoreMaterialResult> {
  const receivedSha256 = await hashFile(input.path);
  if (receivedSha256 !== input.sha256) return { outcome: 'mismatch', receivedSha256 };
  const outcome = await deps.materials.put(input.userId, {
    sha256: input.sha256,
    contentType: input.contentType,
    bytes: input.bytes,
    open: () => createReadStream(input.path),
  });
  const completedApplications = await completeApplications(deps, { userId: input.userId, sha256: input.sha256 });
  return { outcome, completedApplications };
}
