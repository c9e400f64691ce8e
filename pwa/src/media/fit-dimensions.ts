export interface Dimensions {
  width: number;
  height: number;
}

/**
 * The size to draw an image at so that its longer side is at most `longEdge`,
 * keeping the aspect ratio. Never upscales: a small image keeps its size.
 */
export function fitDimensions(width: number, height: number, longEdge: number): Dimensions {
  for (const [name, value] of [
    ['width', width],
    ['height', height],
    ['longEdge', longEdge],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  const long = Math.max(width, height);
  if (long <= longEdge) return { width, height };
  const scale = longEdge / long;
  return width >= height ? { width: longEdge, height: Math.max(1, Math.round(height * scale)) } : { width: Math.max(1, Math.round(width * scale)), height: longEdge };
}
