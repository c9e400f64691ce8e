/** A marker segment of a JPEG header (everything before the image data). */
export interface JpegSegment {
  /** The marker's second byte: 0xe1 for APP1, 0xda for SOS… */
  marker: number;
  /** Offset of the 0xff of the marker. */
  offset: number;
  /** Offset of the payload, after the two length bytes. */
  dataStart: number;
  /** Payload length, without the two length bytes. */
  dataLength: number;
}

export const APP1 = 0xe1;
export const SOS = 0xda;
const SOI = 0xd8;
const EOI = 0xd9;

/**
 * The header segments of a JPEG from SOI up to and including the first SOS
 * (start of scan). Returns null when the bytes are not a JPEG or the header
 * is malformed; an unfinished header yields the segments read so far.
 */
export function readJpegSegments(bytes: Uint8Array): JpegSegment[] | null {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== SOI) return null;
  const segments: JpegSegment[] = [];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    let markerAt = offset;
    while (bytes[markerAt + 1] === 0xff) markerAt += 1; // fill bytes
    const marker = bytes[markerAt + 1];
    const length = (bytes[markerAt + 2] << 8) | bytes[markerAt + 3];
    if (marker === undefined || length < 2) return null;
    segments.push({ marker, offset: markerAt, dataStart: markerAt + 4, dataLength: length - 2 });
    if (marker === SOS) break;
    offset = markerAt + 2 + length;
  }
  return segments;
}

/**
 * True when a JPEG ends before its image does: its header stops before the
 * first scan, or no EOI marker follows that scan (0xffd9 cannot occur inside
 * entropy-coded data, which stuffs every 0xff). Trailers after EOI, as some
 * phones append, are fine. A header it cannot parse is left to the decoder.
 */
export function isJpegTruncated(bytes: Uint8Array): boolean {
  const segments = readJpegSegments(bytes);
  if (segments === null) return false;
  const scan = segments.find((segment) => segment.marker === SOS);
  if (!scan) return true;
  for (let offset = scan.dataStart + scan.dataLength; offset + 1 < bytes.length; offset += 1) {
    if (bytes[offset] === 0xff && bytes[offset + 1] === EOI) return false;
  }
  return true;
}

/** What a JPEG header says about EXIF: enough to assert that none is left. */
export interface ExifSummary {
  /** Number of APP1 segments of any kind (EXIF, XMP…). */
  app1Count: number;
  /** An APP1 starting with "Exif\0\0". */
  hasExif: boolean;
  /** IFD0 points to a GPS IFD (tag 0x8825). */
  hasGps: boolean;
  /** IFD0's Orientation tag (0x0112), when present. */
  orientation: number | null;
}

/** Reads just enough of a JPEG's EXIF to tell whether location and orientation are in it. */
export function summariseExif(bytes: Uint8Array): ExifSummary {
  const app1s = (readJpegSegments(bytes) ?? []).filter((segment) => segment.marker === APP1);
  const summary: ExifSummary = { app1Count: app1s.length, hasExif: false, hasGps: false, orientation: null };
  for (const segment of app1s) {
    const data = bytes.subarray(segment.dataStart, segment.dataStart + segment.dataLength);
    if (String.fromCharCode(...data.subarray(0, 6)) !== 'Exif\0\0') continue;
    summary.hasExif = true;
    const ifd0 = readIfd0(data.subarray(6));
    summary.hasGps ||= ifd0.has(0x8825);
    summary.orientation ??= ifd0.get(0x0112) ?? null;
  }
  return summary;
}

/** Tag → first value (SHORT or LONG) of the IFD0 entries of a TIFF structure. */
function readIfd0(tiff: Uint8Array): Map<number, number> {
  const entries = new Map<number, number>();
  if (tiff.length < 8) return entries;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0], tiff[1]);
  if (order !== 'II' && order !== 'MM') return entries;
  const little = order === 'II';
  const ifdOffset = view.getUint32(4, little);
  if (ifdOffset + 2 > tiff.length) return entries;
  const count = view.getUint16(ifdOffset, little);
  for (let index = 0; index < count; index += 1) {
    const at = ifdOffset + 2 + index * 12;
    if (at + 12 > tiff.length) break;
    const tag = view.getUint16(at, little);
    const type = view.getUint16(at + 2, little);
    entries.set(tag, type === 3 ? view.getUint16(at + 8, little) : view.getUint32(at + 8, little));
  }
  return entries;
}
