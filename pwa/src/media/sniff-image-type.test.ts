import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff-image-type.js';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

/** An ISO-BMFF ftyp box with a major brand and compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'meta');
};

describe('sniffImageType', () => {
  it('should recognise JPEG, PNG and WebP by their signatures', () => {
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(sniffImageType(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe('png');
    expect(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
  });

  it('should recognise HEIC and HEIF as iPhones and Android phones write them', () => {
    expect(sniffImageType(ftyp('heic', 'mif1', 'heic'))).toBe('heic');
    expect(sniffImageType(ftyp('mif1', 'heic'))).toBe('heic');
    expect(sniffImageType(ftyp('heix', 'mif1'))).toBe('heic');
  });

  it('should not take AVIF or an MP4 video for HEIC', () => {
    expect(sniffImageType(ftyp('avif', 'mif1', 'miaf'))).toBeNull();
    expect(sniffImageType(ftyp('mif1', 'avif'))).toBeNull();
    expect(sniffImageType(ftyp('isom', 'mp41'))).toBeNull();
  });

  it('should refuse text, PDF, GIF and files too short to tell, whatever their name', () => {
    expect(sniffImageType(new TextEncoder().encode('身份证照片.jpg 其实是文字'))).toBeNull();
    expect(sniffImageType(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffImageType(bytes('GIF89a'))).toBeNull();
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(bytes('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
  });
});
