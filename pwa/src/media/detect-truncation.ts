import { isJpegTruncated } from './jpeg-segments.js';
import type { ImageType } from './sniff-image-type.js';

/**
 * True when a file of the given type stops before its end. Browsers draw a
 * truncated JPEG or PNG with a grey or missing lower part instead of failing,
 * and half an ID card must not reach a government office; so the pipeline
 * checks the structure before it decodes. HEIF is left to the decoder.
 */
export function isTruncated(type: ImageType, bytes: Uint8Array): boolean {
  switch (type) {
    case 'jpeg':
      return isJpegTruncated(bytes);
    case 'png':
      return isPngTruncated(bytes);
    case 'webp':
      return isWebpTruncated(bytes);
    case 'heic':
      return false;
  }
}

/** A PNG's chunks must run, length by length, to an IEND chunk inside the file. */
function isPngTruncated(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length; // length, type, data, CRC
    if (end > bytes.length) return true;
    if (type === 'IEND') return false;
    offset = end;
  }
  return true;
}

/** A WebP's RIFF header states its size; fewer bytes than that means it was cut. */
function isWebpTruncated(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return true;
  const riffSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  return bytes.length < riffSize + 8;
}
