import { describe, expect, it } from 'vitest';
import type { GuideDoc } from '../../sync-protocol/index.js';
import { cacheRuleGuides } from './rule-guide-cache.js';

const guide = (id: string, version: number) => ({ id, version }) as unknown as GuideDoc;

describe('cacheRuleGuides', () => {
  it('should read each guide id once within the time to live, and again after it', async () => {
    let now = 0;
    const asked: string[][] = [];
    const find = async (ids: string[]) => {
      asked.push(ids);
      return new Map(ids.filter((id) => id !== 'gone').map((id) => [id, guide(id, 1)]));
    };
    const cached = cacheRuleGuides(find, { ttlMs: 1000, now: () => now });
    expect([...(await cached(['a', 'gone', 'a'])).keys()]).toEqual(['a']);
    now = 999;
    expect([...(await cached(['a', 'gone', 'b'])).keys()]).toEqual(['a', 'b']);
    expect(asked).toEqual([['a', 'gone'], ['b']]);
    now = 1000;
    await cached(['a']);
    expect(asked).toEqual([['a', 'gone'], ['b'], ['a']]);
  });

  it('should answer the version read last, not an older one', async () => {
    let now = 0;
    let version = 1;
    const cached = cacheRuleGuides(async (ids) => new Map(ids.map((id) => [id, guide(id, version)])), { ttlMs: 10, now: () => now });
    expect((await cached(['a'])).get('a')?.version).toBe(1);
    version = 2;
    now = 10;
    expect((await cached(['a'])).get('a')?.version).toBe(2);
  });
});
