import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('should give the same text whatever the key order, nested too', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: '营业执照' } })).toBe(canonicalJson({ a: { c: '营业执照', d: [2, { x: 0, y: 1 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('should drop undefined members and keep array order', () => {
    expect(canonicalJson({ a: undefined, b: [3, 1] })).toBe('{"b":[3,1]}');
    expect(canonicalJson([1, 3])).not.toBe(canonicalJson([3, 1]));
  });
});
