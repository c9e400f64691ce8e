/** The range and effort of the JPEG quality search. */
export interface QualityRange {
  min: number;
  max: number;
  /** Bisection steps between min and max; 5 steps pin quality to about 0.02. */
  steps: number;
}

/** Below 0.4 text on documents smears; above 0.92 bytes grow with no visible gain. */
export const DEFAULT_QUALITY_RANGE: Readonly<QualityRange> = Object.freeze({ min: 0.4, max: 0.92, steps: 5 });

export interface QualityChoice<T> {
  /** The encoding chosen: the best quality that fits, or the lowest one tried when none fits. */
  value: T;
  quality: number;
  fits: boolean;
  /** How many encodings were made. */
  attempts: number;
}

/**
 * Finds the highest quality whose encoding fits in `maxBytes`. Tries `max`
 * first (screenshots and small photos fit at once), then bisects, keeping the
 * best fit; tries `min` last only if nothing fitted. Assumes size grows with
 * quality, which holds for JPEG encoders closely enough.
 */
export async function searchQuality<T extends { size: number }>(
  encode: (quality: number) => Promise<T>,
  maxBytes: number,
  range: QualityRange = DEFAULT_QUALITY_RANGE,
): Promise<QualityChoice<T>> {
  let attempts = 1;
  const top = await encode(range.max);
  if (top.size <= maxBytes) return { value: top, quality: range.max, fits: true, attempts };

  let best: { value: T; quality: number } | null = null;
  let low = range.min;
  let high = range.max;
  for (let step = 0; step < range.steps; step += 1) {
    const quality = roundQuality((low + high) / 2);
    const candidate = await encode(quality);
    attempts += 1;
    if (candidate.size <= maxBytes) {
      best = { value: candidate, quality };
      low = quality;
    } else {
      high = quality;
    }
  }
  if (best) return { ...best, fits: true, attempts };

  const bottom = await encode(range.min);
  attempts += 1;
  return { value: bottom, quality: range.min, fits: bottom.size <= maxBytes, attempts };
}

/** Three decimals: enough precision, and the same qualities on every run and device. */
function roundQuality(quality: number): number {
  return Math.round(quality * 1000) / 1000;
}
