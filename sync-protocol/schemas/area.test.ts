import { describe, expect, it } from 'vitest';
import { areaChain, areaLevelOf } from './area.js';

describe('areas', () => {
  it('should give the chain from the province down to the area itself', () => {
    expect(areaChain('331123001')).toEqual(['330000', '331100', '331123', '331123001']);
    expect(areaChain('331123')).toEqual(['330000', '331100', '331123']);
    expect(areaChain('331100')).toEqual(['330000', '331100']);
    expect(areaChain('330000')).toEqual(['330000']);
  });

  it('should refuse what is not an area code', () => {
    expect(() => areaChain('33112')).toThrow();
    expect(() => areaChain('abcdef')).toThrow();
  });

  it('should tell the level from the code', () => {
    expect(areaLevelOf('330000')).toBe('province');
    expect(areaLevelOf('331100')).toBe('city');
    expect(areaLevelOf('331123')).toBe('county');
    expect(areaLevelOf('331123001')).toBe('township');
  });
});
