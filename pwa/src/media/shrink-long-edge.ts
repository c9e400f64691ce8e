/** Below this long edge an ID card stops being legible; the pipeline does not go further. */
export const MIN_LONG_EDGE = 480;

/**
 * The next, smaller long edge to try when even the lowest JPEG quality is
 * over budget. JPEG size grows roughly with pixel count, so scale the edge by
 * √(budget / size) with a 10 % margin, shrinking by at least 10 % and at most
 * half per step. Returns null when already at MIN_LONG_EDGE: nothing smaller
 * is useful, and the caller keeps what it has rather than refusing the photo.
 */
export function shrinkLongEdge(current: number, bytesAtLowestQuality: number, maxBytes: number): number | null {
  if (current <= MIN_LONG_EDGE) return null;
  const factor = Math.min(0.9, Math.max(0.5, Math.sqrt(maxBytes / bytesAtLowestQuality) * 0.9));
  return Math.max(MIN_LONG_EDGE, Math.floor(current * factor));
}
