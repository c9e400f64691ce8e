import { describe, expect, it } from 'vitest';
import { chooseEvictions } from './byte-budget.js';

const entry = (url: string, bytes: number, cachedAt: number) => ({ url, bytes, cachedAt });

describe('chooseEvictions', () => {
  it('should evict nothing within budget', () => {
    expect(chooseEvictions([entry('/a', 400, 1), entry('/b', 500, 2)], 1000)).toEqual([]);
  });

  it('should evict the oldest entries until the cache fits', () => {
    expect(chooseEvictions([entry('/new', 300, 3), entry('/old', 400, 1), entry('/mid', 500, 2)], 700)).toEqual(['/old', '/mid']);
    expect(chooseEvictions([entry('/new', 300, 3), entry('/old', 400, 1), entry('/mid', 500, 2)], 800)).toEqual(['/old']);
  });

  it('should keep the entry just added and evict older ones instead', () => {
    expect(chooseEvictions([entry('/just', 600, 1), entry('/b', 500, 2)], 1000, '/just')).toEqual(['/b']);
  });

  it('should evict an entry that alone is over budget', () => {
    expect(chooseEvictions([entry('/huge', 2000, 5), entry('/a', 10, 1)], 1000, '/huge')).toEqual(['/huge']);
  });
});
