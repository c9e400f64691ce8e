import { describe, expect, it } from 'vitest';
import { searchQuality } from './quality-search.js';

/** A fake encoder whose output size grows linearly with quality, recording each call. */
function linearEncoder(bytesAtFullQuality: number) {
  const calls: number[] = [];
  const encode = async (quality: number) => {
    calls.push(quality);
    return { size: Math.round(bytesAtFullQuality * quality) };
  };
  return { encode, calls };
}

describe('searchQuality', () => {
  it('should take the highest quality at once when it fits', async () => {
    const { encode, calls } = linearEncoder(100_000);
    const choice = await searchQuality(encode, 400_000);
    expect(choice).toMatchObject({ quality: 0.92, fits: true, attempts: 1 });
    expect(calls).toEqual([0.92]);
  });

  it('should bisect to the highest quality within the budget', async () => {
    const { encode, calls } = linearEncoder(1_000_000); // fits up to quality 0.6
    const choice = await searchQuality(encode, 600_000);
    expect(choice.fits).toBe(true);
    expect(choice.value.size).toBeLessThanOrEqual(600_000);
    expect(choice.quality).toBeGreaterThan(0.58);
    expect(choice.quality).toBeLessThanOrEqual(0.6);
    expect(calls).toHaveLength(6); // the first try and five steps
    expect(choice.attempts).toBe(6);
  });

  it('should fall back to the lowest quality when every step was over budget', async () => {
    const { encode, calls } = linearEncoder(1_000_000); // fits only at 0.41 or below
    const choice = await searchQuality(encode, 410_000);
    expect(choice).toMatchObject({ quality: 0.4, fits: true });
    expect(calls.at(-1)).toBe(0.4);
  });

  it('should say so when even the lowest quality is over budget, returning that encoding', async () => {
    const { encode } = linearEncoder(10_000_000);
    const choice = await searchQuality(encode, 400_000);
    expect(choice).toMatchObject({ quality: 0.4, fits: false, value: { size: 4_000_000 } });
  });

  it('should keep to the range and the number of steps it is given', async () => {
    const { encode, calls } = linearEncoder(1_000_000);
    await searchQuality(encode, 1, { min: 0.5, max: 0.8, steps: 2 });
    expect(calls).toEqual([0.8, 0.65, 0.575, 0.5]);
  });
});
