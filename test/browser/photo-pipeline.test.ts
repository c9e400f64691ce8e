import { rm } from 'node:fs/promises';
import ExifReader from 'exifreader';
import jpeg from 'jpeg-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseExif } from '../../pwa/src/media/jpeg-segments.js';
import { PHOTO_PROBLEMS } from '../../pwa/src/media/photo-error.js';
import { launchChromium, newPhoneContext } from '../support/browser.js';
import type { PageRun } from './page/main.js';
import { buildTestPage } from './support/build-page.js';
import { makeHeicHeader, makeSidewaysPhoneJpeg, makeTextPretendingToBeJpeg, MARK_SIZE, truncate } from './support/photo-fixtures.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';

const MAX_BYTES = 400 * 1024;
const LONG_EDGE = 1600;

type Done = Extract<PageRun, { ok: true }>;

/**
 * The photo pipeline in Debian's Chromium: the module worker Vite builds,
 * createImageBitmap's EXIF orientation, OffscreenCanvas's JPEG encoder, and
 * the main-thread fallback an old phone gets. Outputs are checked back in
 * Node, byte by byte.
 */
describe('photo pipeline in a real browser', () => {
  let outDir: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let phonePhoto: Uint8Array;
  const seen: Record<string, string> = {};

  beforeAll(async () => {
    outDir = await buildTestPage();
    server = await startStaticServer(outDir);
    phonePhoto = makeSidewaysPhoneJpeg();
    server.fixtures.set('phone-photo.jpg', phonePhoto);
    server.fixtures.set('notes.jpg', makeTextPretendingToBeJpeg());
    server.fixtures.set('cut-short.jpg', truncate(phonePhoto));
    server.fixtures.set('camera.heic', makeHeicHeader());
    server.fixtures.set('empty.jpg', new Uint8Array());
    browser = await launchChromium();
    page = await openPipelinePage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
    console.info('photo pipeline timings:', seen);
  });

  async function openPipelinePage(initScript?: string): Promise<Page> {
    const context = await newPhoneContext(browser);
    if (initScript) await context.addInitScript(initScript);
    const opened = await context.newPage();
    await opened.goto(`${server.url}/`);
    await opened.waitForFunction(() => 'photoPipeline' in window);
    return opened;
  }

  function run(on: Page, fixture: string, options?: { runner: 'main-thread' }): Promise<PageRun> {
    return on.evaluate(([name, opts]) => window.photoPipeline.run(name, opts), [fixture, options] as const);
  }

  async function processed(on: Page, fixture: string, options?: { runner: 'main-thread' }): Promise<Done> {
    const result = await run(on, fixture, options);
    if (!result.ok) throw new Error(`expected ${fixture} to be processed, got ${result.code}`);
    return result;
  }

  it('should make a sideways 4000×3000 phone photo upright, within budget, and strip its EXIF and GPS', async () => {
    expect(summariseExif(phonePhoto)).toMatchObject({ hasGps: true, orientation: 6 }); // the input really has them
    expect(phonePhoto.length).toBeGreaterThan(3 * MAX_BYTES);

    const photo = await processed(page, 'phone-photo.jpg');
    seen['4000×3000 in worker'] = `${photo.inputBytes} B → ${photo.width}×${photo.height}, ${photo.bytes} B, q ${photo.quality}, ${photo.ms} ms`;
    expect(photo.ranIn).toBe('worker');
    expect(photo.type).toBe('image/jpeg');
    expect(photo.bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(LONG_EDGE);
    expect(photo.height).toBeGreaterThan(photo.width);
    expect(photo.width / photo.height).toBeCloseTo(3 / 4, 2);

    const bytes = Buffer.from(photo.imageBase64, 'base64');
    expect(bytes.length).toBe(photo.bytes);
    expect(summariseExif(bytes)).toEqual({ app1Count: 0, hasExif: false, hasGps: false, orientation: null });
    expect(readExifTags(bytes)).toEqual({ gps: undefined, orientation: undefined });
    expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);

    // Turned the right way: the mark stored at the top-left is now top-right.
    const pixels = jpeg.decode(bytes, { useTArray: true });
    expect([pixels.width, pixels.height]).toEqual([photo.width, photo.height]);
    const markInOutput = Math.round((MARK_SIZE * photo.height) / 4000);
    expect(isRed(pixelAt(pixels, pixels.width - markInOutput / 2, markInOutput / 2))).toBe(true);
    expect(isRed(pixelAt(pixels, markInOutput / 2, markInOutput / 2))).toBe(false);
    expect(isRed(pixelAt(pixels, pixels.width - markInOutput / 2, pixels.height - markInOutput / 2))).toBe(false);

    expect(photo.thumbnailType).toBe('image/jpeg');
    expect(Math.max(photo.thumbnailWidth, photo.thumbnailHeight)).toBe(240);
    expect(photo.thumbnailHeight).toBeGreaterThan(photo.thumbnailWidth);
    expect(summariseExif(Buffer.from(photo.thumbnailBase64, 'base64')).app1Count).toBe(0);
  });

  it('should turn a PNG screenshot with a transparent background into a JPEG within budget, on white', async () => {
    const shotPage = await openPipelinePage();
    await shotPage.setContent('<p style="font: 28px sans-serif; color: #111; margin: 24px">营业执照 统一社会信用代码 91350100M000100Y43</p>');
    const screenshot = await shotPage.screenshot({ type: 'png', omitBackground: true, fullPage: true });
    await shotPage.context().close();
    expect(screenshot.subarray(1, 4).toString()).toBe('PNG');
    server.fixtures.set('screenshot.png', screenshot);

    const photo = await processed(page, 'screenshot.png');
    seen['PNG screenshot'] = `${screenshot.length} B → ${photo.width}×${photo.height}, ${photo.bytes} B, ${photo.ms} ms`;
    expect(photo.type).toBe('image/jpeg');
    expect(photo.bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect([photo.width, photo.height]).toEqual([739, 1600]); // 780×1688 (390×844 at 2×) fitted to 1600
    const pixels = jpeg.decode(Buffer.from(photo.imageBase64, 'base64'), { useTArray: true });
    const [r, g, b] = pixelAt(pixels, 2, pixels.height - 2);
    expect(Math.min(r, g, b)).toBeGreaterThan(240); // transparent became white, not black
  });

  it('should draw the photo smaller when even the lowest quality is over a tight budget', async () => {
    const budget = { longEdge: LONG_EDGE, maxBytes: 60 * 1024 };
    const result = await page.evaluate(([name, b]) => window.photoPipeline.run(name, undefined, b), ['phone-photo.jpg', budget] as const);
    if (!result.ok) throw new Error(result.code);
    seen['4000×3000 in 60 KB'] = `${result.width}×${result.height}, ${result.bytes} B, q ${result.quality}, ${result.ms} ms`;
    expect(result.bytes).toBeLessThanOrEqual(budget.maxBytes);
    expect(result.height).toBeLessThan(LONG_EDGE);
    expect(result.height).toBeGreaterThan(result.width);
  });

  it('should refuse a text file named .jpg as not an image', async () => {
    expect(await run(page, 'notes.jpg')).toEqual({ ok: false, code: 'NOT_AN_IMAGE', message: PHOTO_PROBLEMS.NOT_AN_IMAGE.message });
  });

  it('should refuse a truncated JPEG as corrupt', async () => {
    expect(await run(page, 'cut-short.jpg')).toEqual({ ok: false, code: 'CORRUPT', message: '照片文件已损坏，请重新拍摄' });
  });

  it('should refuse an empty file, and say plainly what to do about HEIC Chromium cannot read', async () => {
    expect(await run(page, 'empty.jpg')).toMatchObject({ ok: false, code: 'EMPTY' });
    expect(await run(page, 'camera.heic')).toEqual({
      ok: false,
      code: 'HEIC_UNSUPPORTED',
      message: '这张照片是 HEIC 格式，手机浏览器无法读取，请在相机设置里改为「兼容性最佳」后重拍，或选择 JPG 照片',
    });
  });

  it('should give the same bytes and SHA-256 for the same photo twice, in the worker and on the main thread', async () => {
    const first = await processed(page, 'phone-photo.jpg');
    const second = await processed(page, 'phone-photo.jpg');
    const mainThread = await processed(page, 'phone-photo.jpg', { runner: 'main-thread' });
    seen['4000×3000 on main thread (canvas element)'] = `${mainThread.bytes} B, ${mainThread.ms} ms`;
    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(mainThread.ranIn).toBe('main-thread');
    expect(mainThread.sha256).toBe(first.sha256);
  });

  it('should fall back to the main thread on a phone with no Worker, OffscreenCanvas or createImageBitmap, within budget', async () => {
    const oldPhone = await openPipelinePage('delete window.Worker; delete window.OffscreenCanvas; delete window.createImageBitmap;');
    expect(await oldPhone.evaluate(() => typeof Worker + typeof OffscreenCanvas + typeof createImageBitmap)).toBe('undefinedundefinedundefined');
    const photo = await processed(oldPhone, 'phone-photo.jpg');
    seen['4000×3000 on an "old phone" (<img> + canvas)'] = `${photo.width}×${photo.height}, ${photo.bytes} B, ${photo.ms} ms`;
    expect(photo.ranIn).toBe('main-thread');
    expect(photo.bytes).toBeLessThanOrEqual(MAX_BYTES);
    expect(Math.max(photo.width, photo.height)).toBeLessThanOrEqual(LONG_EDGE);
    expect(photo.height).toBeGreaterThan(photo.width); // <img> applies EXIF orientation too
    expect(summariseExif(Buffer.from(photo.imageBase64, 'base64')).app1Count).toBe(0);
    expect(await run(oldPhone, 'notes.jpg')).toMatchObject({ ok: false, code: 'NOT_AN_IMAGE' });
    expect(await run(oldPhone, 'cut-short.jpg')).toMatchObject({ ok: false, code: 'CORRUPT' });
    await oldPhone.context().close();
  });
});

/** GPS and Orientation as an independent EXIF library reads them (undefined when absent). */
function readExifTags(bytes: Uint8Array): { gps: unknown; orientation: unknown } {
  try {
    const tags = ExifReader.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, { expanded: true });
    return { gps: tags.gps, orientation: tags.exif?.Orientation?.value };
  } catch (error) {
    if ((error as Error).name === 'MetadataMissingError') return { gps: undefined, orientation: undefined };
    throw error;
  }
}

function pixelAt(image: { width: number; data: Uint8Array }, x: number, y: number): [number, number, number] {
  const at = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[at], image.data[at + 1], image.data[at + 2]];
}

function isRed([r, g, b]: [number, number, number]): boolean {
  return r > 180 && g < 70 && b < 70;
}
