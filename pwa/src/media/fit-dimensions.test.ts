import { describe, expect, it } from 'vitest';
import { fitDimensions } from './fit-dimensions.js';

describe('fitDimensions', () => {
  it('should bring the long edge of a landscape or portrait photo down to the limit', () => {
    expect(fitDimensions(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitDimensions(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
  });

  it('should never upscale a small image', () => {
    expect(fitDimensions(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitDimensions(1600, 900, 1600)).toEqual({ width: 1600, height: 900 });
  });

  it('should round the short edge and keep at least one pixel', () => {
    expect(fitDimensions(8000, 6001, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitDimensions(10000, 3, 240)).toEqual({ width: 240, height: 1 });
  });

  it('should refuse sizes that are not positive integers', () => {
    expect(() => fitDimensions(0, 10, 100)).toThrow(RangeError);
    expect(() => fitDimensions(10, 10, 1.5)).toThrow(RangeError);
  });
});
