import { describe, expect, it } from 'vitest';
import { ReadQueue } from './read-queue.js';

describe('ReadQueue', () => {
  it('should never hand out more reads than its limit at once', () => {
    const queue = new ReadQueue(2);
    for (const db of ['a', 'b', 'c', 'd']) queue.mark(db);
    expect(queue.take()).toEqual(['a', 'b']);
    expect(queue.take()).toEqual([]);
    queue.finish('a');
    expect(queue.take()).toEqual(['c']);
    expect(queue.active).toBe(2);
  });

  it('should queue a database once however often it is marked', () => {
    const queue = new ReadQueue(4);
    queue.mark('a');
    queue.mark('a');
    queue.mark('b');
    expect(queue.take()).toEqual(['a', 'b']);
  });

  it('should read a database again when it is marked during its read', () => {
    const queue = new ReadQueue(1);
    queue.mark('a');
    expect(queue.take()).toEqual(['a']);
    queue.mark('a');
    expect(queue.take()).toEqual([]);
    queue.finish('a');
    expect(queue.take()).toEqual(['a']);
    queue.finish('a');
    expect(queue.take()).toEqual([]);
  });

  it('should drop the pending reads of a forgotten database', () => {
    const queue = new ReadQueue(1);
    queue.mark('a');
    queue.mark('b');
    expect(queue.take()).toEqual(['a']);
    queue.mark('a');
    queue.forget('a');
    queue.forget('b');
    queue.finish('a');
    expect(queue.take()).toEqual([]);
    expect(queue.pending).toBe(0);
  });

  it('should refuse a limit that is not a positive integer', () => {
    expect(() => new ReadQueue(0)).toThrow(/positive integer/);
  });
});
