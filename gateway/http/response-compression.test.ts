import { describe, expect, it } from 'vitest';
import { isCompressedType } from './response-compression.js';

describe('isCompressedType', () => {
  it('should compress JSON answers and the app files', () => {
    for (const type of [
      'application/json; charset=utf-8',
      'text/html; charset=utf-8',
      'text/css',
      'application/javascript',
      'text/javascript; charset=utf-8',
      'image/svg+xml',
      'application/manifest+json',
    ]) {
      expect(isCompressedType(type)).toBe(true);
    }
  });

  it('should never compress the live stream, photos or tus bytes', () => {
    for (const type of ['text/event-stream; charset=utf-8', 'image/jpeg', 'image/png', 'application/offset+octet-stream', 'application/jsonl', '']) {
      expect(isCompressedType(type)).toBe(false);
    }
  });
});
