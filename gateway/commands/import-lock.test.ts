import { describe, expect, it } from 'vitest';
import { createImportLock } from './import-lock.js';

describe('createImportLock', () => {
  it('should run imports one at a time, in order, even after one fails', async () => {
    const lock = createImportLock();
    const log: string[] = [];
    const slow = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const runs = [lock.run(slow('a', 20, true)), lock.run(slow('b', 5)), lock.run(slow('c', 1))];
    const settled = await Promise.allSettled(runs);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
