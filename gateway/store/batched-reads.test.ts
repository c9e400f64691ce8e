import { describe, expect, it } from 'vitest';
import { BatchedReads } from './batched-reads.js';

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('BatchedReads', () => {
  it('should send the reads that arrive while one is on its way together in the next request', async () => {
    const requests: string[][] = [];
    const gate = deferred();
    const reads = new BatchedReads<string>(async (ids) => {
      requests.push(ids);
      if (requests.length === 1) await gate.done;
      return new Map(ids.filter((id) => id !== 'missing').map((id) => [id, `doc ${id}`]));
    });
    const first = reads.read('a');
    const later = [reads.read('b'), reads.read('c'), reads.read('b'), reads.read('missing')];
    gate.release();
    expect(await first).toBe('doc a');
    expect(await Promise.all(later)).toEqual(['doc b', 'doc c', 'doc b', undefined]);
    expect(requests).toEqual([['a'], ['b', 'c', 'missing']]);
  });

  it('should fail only the reads of a request that failed, and read again afterwards', async () => {
    let fail = true;
    const reads = new BatchedReads<string>(async (ids) => {
      if (fail) throw new Error('store down');
      return new Map(ids.map((id) => [id, id]));
    });
    await expect(reads.read('a')).rejects.toThrow('store down');
    fail = false;
    expect(await reads.read('a')).toBe('a');
  });
});
