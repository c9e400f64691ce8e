import { describe, expect, it } from 'vitest';
import { toHex } from './hex.js';

describe('toHex', () => {
  it('should write two lower-case digits per byte, keeping leading zeros', () => {
    expect(toHex(new Uint8Array([0x00, 0x0f, 0xa0, 0xff]))).toBe('000fa0ff');
  });

  it('should read an ArrayBuffer and a view into a larger buffer alike', () => {
    const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
    expect(toHex(buffer)).toBe('01020304');
    expect(toHex(new Uint8Array(buffer, 1, 2))).toBe('0203');
  });

  it('should give the empty string for no bytes', () => {
    expect(toHex(new Uint8Array())).toBe('');
  });
});
