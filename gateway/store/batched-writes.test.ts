import { describe, expect, it } from 'vitest';
import { BatchedWrites } from './batched-writes.js';

function deferred() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
}

describe('BatchedWrites', () => {
  it('should send the writes that arrive while one is on its way together in the next request, each answered its own row', async () => {
    const requests: string[][] = [];
    const gate = deferred();
    const writes = new BatchedWrites<{ _id: string }>(async (docs) => {
      requests.push(docs.map((d) => d._id));
      if (requests.length === 1) await gate.done;
      // Answered out of order, and one refused: each caller still gets its own row.
      return docs.map((d) => (d._id === 'c' ? { id: d._id, error: 'conflict' } : { id: d._id, rev: `1-${d._id}` })).reverse();
    });
    const first = writes.write({ _id: 'a' });
    const later = [writes.write({ _id: 'b' }), writes.write({ _id: 'c' })];
    gate.release();
    expect(await first).toEqual({ id: 'a', rev: '1-a' });
    expect(await Promise.all(later)).toEqual([
      { id: 'b', rev: '1-b' },
      { id: 'c', error: 'conflict' },
    ]);
    expect(requests).toEqual([['a'], ['b', 'c']]);
  });

  it('should fail only the writes of a request that failed, and write again afterwards', async () => {
    let fail = true;
    const writes = new BatchedWrites<{ _id: string }>(async (docs) => {
      if (fail) throw new Error('store down');
      return docs.map((d) => ({ id: d._id, rev: '1-x' }));
    });
    await expect(writes.write({ _id: 'a' })).rejects.toThrow('store down');
    fail = false;
    expect(await writes.write({ _id: 'a' })).toEqual({ id: 'a', rev: '1-x' });
  });
});
