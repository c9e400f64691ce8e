/** A decoded, upright image ready to be drawn. */
export interface DecodedImage {
  source: CanvasImageSource;
  width: number;
  height: number;
  /** Frees the decoded pixels (an 8000×6000 photo holds 192 MB of them). */
  release(): void;
}

/** A drawn image at one size that can be encoded as JPEG at any quality. */
export interface Raster {
  encodeJpeg(quality: number): Promise<Blob>;
  release(): void;
}

/** What the pipeline needs from its surroundings: decode a blob, draw at a size. */
export interface PhotoSurface {
  decode(blob: Blob): Promise<DecodedImage>;
  draw(image: DecodedImage, width: number, height: number): Raster;
}

/** The drawing context both canvas kinds offer. */
type Context2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/**
 * Draws on white first: a transparent PNG turned into JPEG would otherwise
 * get a black background, and black text on black is lost.
 */
export function drawOnWhite(context: Context2d, image: DecodedImage, width: number, height: number): void {
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = true;
  context.imageSmoothingQuality = 'high';
  context.drawImage(image.source, 0, 0, width, height);
}

/** A canvas that silently fell back to PNG would break the budget and the type promise. */
export function assertJpeg(blob: Blob | null): Blob {
  if (!blob || blob.type !== 'image/jpeg') throw new Error(`canvas produced ${blob?.type ?? 'nothing'}, not image/jpeg`);
  return blob;
}
