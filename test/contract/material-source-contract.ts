import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { MaterialSource } from '../../device-core/transfer/material-source.js';

/** A material source under test, and how to let go of what it opened. */
export interface MaterialSourceFixture {
  source: MaterialSource;
  close(): Promise<void>;
}

/**
 * Opens a source holding `blobs` (by SHA-256 of their bytes), every one of
 * them needed by a submitted application and not uploaded yet.
 */
export type MakeMaterialSource = (blobs: ReadonlyMap<string, Blob>) => Promise<MaterialSourceFixture>;

const jpeg = (seed: number, length = 2_000) => new Blob([Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 17) % 256)], { type: 'image/jpeg' });

async function byHash(blobs: Blob[]): Promise<Map<string, Blob>> {
  const entries = await Promise.all(
    blobs.map(
      async (blob) =>
        [
          createHash('sha256')
            .update(new Uint8Array(await blob.arrayBuffer()))
            .digest('hex'),
          blob,
        ] as const,
    ),
  );
  return new Map(entries);
}

const sorted = (hashes: Iterable<string>) => [...hashes].sort();

/**
 * What the transfer scheduler relies on from a MaterialSource
 * (device-core/transfer/material-source.ts), written once and run against
 * the phone's locker (RxDB) and the in-memory fake the scheduler's tests use.
 */
export function describeMaterialSourceContract(name: string, makeSource: MakeMaterialSource): void {
  describe(`material source contract: ${name}`, () => {
    const open: MaterialSourceFixture[] = [];
    const sourceOf = async (blobs: Map<string, Blob>) => {
      const fixture = await makeSource(blobs);
      open.push(fixture);
      return fixture.source;
    };

    afterEach(async () => {
      for (const fixture of open.splice(0)) await fixture.close();
    });

    it('should list every material it holds that was not uploaded', async () => {
      const blobs = await byHash([jpeg(1), jpeg(2), jpeg(3)]);
      const source = await sourceOf(blobs);
      expect(sorted(await source.unsent())).toEqual(sorted(blobs.keys()));
    });

    it('should answer the bytes and type of a material it holds, and null for one it does not', async () => {
      const blobs = await byHash([jpeg(4, 5_000)]);
      const source = await sourceOf(blobs);
      const [sha256, original] = [...blobs.entries()][0];
      const blob = await source.blob(sha256);
      expect(blob?.type).toBe('image/jpeg');
      expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(new Uint8Array(await original.arrayBuffer()));
      expect(await source.blob('0'.repeat(64))).toBeNull();
    });

    it('should never list a material again once marked uploaded, and keep listing the others', async () => {
      const blobs = await byHash([jpeg(5), jpeg(6)]);
      const source = await sourceOf(blobs);
      const [sent, other] = [...blobs.keys()];
      await source.markUploaded(sent);
      expect(await source.unsent()).toEqual([other]);
      await source.markUploaded(other);
      expect(await source.unsent()).toEqual([]);
    });

    it('should take a second mark, or the mark of a material it does not hold, as a no-op', async () => {
      const blobs = await byHash([jpeg(7), jpeg(8)]);
      const source = await sourceOf(blobs);
      const [sent, other] = [...blobs.keys()];
      await source.markUploaded(sent);
      await source.markUploaded(sent);
      await source.markUploaded('f'.repeat(64));
      expect(await source.unsent()).toEqual([other]);
    });
  });
}
