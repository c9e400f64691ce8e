/**
 * TEST FIXTURE, not used by the app: builds the EXIF APP1 segment a phone
 * camera writes, with Orientation and GPS position, so tests can check that
 * the pipeline turns the photo upright and drops the location. Big-endian
 * ("MM") TIFF, as many Android cameras write it.
 */
export interface ExifFixture {
  orientation: number;
  /** Decimal degrees, north positive. */
  latitude: number;
  /** Decimal degrees, east positive. */
  longitude: number;
}

const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const BYTE = 1;
const RATIONAL = 5;

/** The whole segment: 0xffe1, length, "Exif\0\0", TIFF header, IFD0, GPS IFD, rationals. */
export function buildExifApp1(fixture: ExifFixture): Uint8Array {
  const ifd0Offset = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gpsOffset = ifd0Offset + ifd0Size;
  const gpsSize = 2 + 5 * 12 + 4;
  const latOffset = gpsOffset + gpsSize;
  const lonOffset = latOffset + 24;
  const tiff = new Uint8Array(lonOffset + 24);
  const view = new DataView(tiff.buffer);

  tiff.set([0x4d, 0x4d, 0x00, 0x2a]);
  view.setUint32(4, ifd0Offset);
  let at = writeIfdHeader(view, ifd0Offset, 2);
  at = writeEntry(view, at, 0x0112, SHORT, 1, fixture.orientation << 16); // SHORT sits in the first two bytes
  at = writeEntry(view, at, 0x8825, LONG, 1, gpsOffset);
  view.setUint32(at, 0);

  at = writeIfdHeader(view, gpsOffset, 5);
  at = writeEntry(view, at, 0x0000, BYTE, 4, 0x02020000); // GPSVersionID 2.2.0.0
  at = writeEntry(view, at, 0x0001, ASCII, 2, asciiValue(fixture.latitude >= 0 ? 'N' : 'S'));
  at = writeEntry(view, at, 0x0002, RATIONAL, 3, latOffset);
  at = writeEntry(view, at, 0x0003, ASCII, 2, asciiValue(fixture.longitude >= 0 ? 'E' : 'W'));
  at = writeEntry(view, at, 0x0004, RATIONAL, 3, lonOffset);
  view.setUint32(at, 0);
  writeDegrees(view, latOffset, Math.abs(fixture.latitude));
  writeDegrees(view, lonOffset, Math.abs(fixture.longitude));

  const header = new Uint8Array([0xff, 0xe1, 0, 0, 0x45, 0x78, 0x69, 0x66, 0, 0]);
  new DataView(header.buffer).setUint16(2, 2 + 6 + tiff.length);
  const segment = new Uint8Array(header.length + tiff.length);
  segment.set(header);
  segment.set(tiff, header.length);
  return segment;
}

/** A copy of `jpeg` with `segment` placed right after SOI, where cameras put EXIF. */
export function insertAfterSoi(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

function writeIfdHeader(view: DataView, offset: number, count: number): number {
  view.setUint16(offset, count);
  return offset + 2;
}

function writeEntry(view: DataView, at: number, tag: number, type: number, count: number, value: number): number {
  view.setUint16(at, tag);
  view.setUint16(at + 2, type);
  view.setUint32(at + 4, count);
  view.setUint32(at + 8, value >>> 0);
  return at + 12;
}

/** A one-letter ASCII value with its NUL, left-aligned in the 4-byte value field. */
function asciiValue(letter: string): number {
  return (letter.charCodeAt(0) << 24) >>> 0;
}

/** Degrees, minutes and seconds (to 1/100 s) as three RATIONALs. */
function writeDegrees(view: DataView, offset: number, decimal: number): void {
  const degrees = Math.floor(decimal);
  const minutes = Math.floor((decimal - degrees) * 60);
  const centiseconds = Math.round(((decimal - degrees) * 60 - minutes) * 6000);
  [
    [degrees, 1],
    [minutes, 1],
    [centiseconds, 100],
  ].forEach(([numerator, denominator], index) => {
    view.setUint32(offset + index * 8, numerator);
    view.setUint32(offset + index * 8 + 4, denominator);
  });
}
