import jpeg from 'jpeg-js';
import { buildExifApp1, insertAfterSoi } from '../../../pwa/src/media/exif-fixture.js';

/** Where the test says the photo was taken: a village in Sichuan. */
export const FIXTURE_POSITION = { latitude: 29.6034, longitude: 103.1212 };

/** Side of the red square drawn at the top-left of the stored (sideways) pixels. */
export const MARK_SIZE = 400;

/**
 * A phone photo as a camera stores it when held upright: 4000×3000 landscape
 * pixels plus EXIF Orientation 6 ("turn 90° clockwise to view") and the GPS
 * position. Pixels are a gradient with per-pixel noise, so the file is as
 * large as a real photo (several MB), with a solid red mark at the stored
 * top-left, which must end up top-right once the photo is upright.
 */
export function makeSidewaysPhoneJpeg(width = 4000, height = 3000): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  let seed = 0x2545f491;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 4;
      if (x < MARK_SIZE && y < MARK_SIZE) {
        data.set([220, 20, 20, 255], at);
        continue;
      }
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const noise = (seed >>> 24) / 4 - 32;
      data[at] = clamp(60 + (x * 120) / width + noise);
      data[at + 1] = clamp(90 + (y * 100) / height + noise);
      data[at + 2] = clamp(140 + noise);
      data[at + 3] = 255;
    }
  }
  const encoded = new Uint8Array(jpeg.encode({ data, width, height }, 92).data);
  return insertAfterSoi(encoded, buildExifApp1({ orientation: 6, ...FIXTURE_POSITION }));
}

/** A text file someone renamed to .jpg. */
export function makeTextPretendingToBeJpeg(): Uint8Array {
  return new TextEncoder().encode('户口本第一页.jpg\n这其实是一个文本文件，不是照片。\n'.repeat(20));
}

/** A JPEG cut short, as an interrupted transfer or a full phone leaves it. */
export function truncate(bytes: Uint8Array, keep = 0.6): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * keep));
}

/** The start of a HEIC file (ftyp box and some of a meta box), which Chromium cannot decode. */
export function makeHeicHeader(): Uint8Array {
  const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
  return new Uint8Array([0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic'), 0, 0, 1, 0, ...ascii('meta'), ...new Array<number>(252).fill(7)]);
}

function clamp(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
