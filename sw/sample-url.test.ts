import { describe, expect, it } from 'vitest';
import { isSampleImage } from './sample-url.js';

describe('isSampleImage', () => {
  const origin = 'https://tongban.example';
  it('should take the gateway’s sample images', () => {
    expect(isSampleImage(new URL('/samples/id-card.svg', origin), origin)).toBe(true);
  });

  it('should leave the API, the app and other origins alone', () => {
    expect(isSampleImage(new URL('/v1/sync/guides/pull', origin), origin)).toBe(false);
    expect(isSampleImage(new URL('/assets/index.js', origin), origin)).toBe(false);
    expect(isSampleImage(new URL('/samples/id-card.svg', 'https://elsewhere.example'), origin)).toBe(false);
  });
});
