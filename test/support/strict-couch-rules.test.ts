import { describe, expect, it } from 'vitest';
import { decodeSeq, encodeSeq, filterAllDbs, rewriteChangesBody, rewriteDbInfo, seededRandom, shufflePage, translateSince } from './strict-couch-rules.js';

const noiseOf = (byte: number) => new Uint8Array(6).fill(byte);
let counter = 0;
const freshNoise = () => noiseOf((counter += 1) % 256);

describe('strict CouchDB sequences', () => {
  it('should make an opaque CouchDB-3-shaped token that carries the real sequence', () => {
    const token = encodeSeq(12, noiseOf(1));
    expect(token).toMatch(/^12-g1AAAA[A-Za-z0-9_-]+$/);
    expect(decodeSeq(token)).toBe(12);
    expect(decodeSeq(encodeSeq('7-abc', noiseOf(2)))).toBe('7-abc');
  });

  it('should give a different token on each read of the same position', () => {
    expect(encodeSeq(12, noiseOf(1))).not.toBe(encodeSeq(12, noiseOf(2)));
  });

  it('should refuse a since it never issued and pass now and 0', () => {
    expect(translateSince('5')).toEqual({ ok: false });
    expect(translateSince('abc')).toEqual({ ok: false });
    expect(translateSince('12-g1AAAAnotours')).toEqual({ ok: false });
    expect(translateSince('now')).toEqual({ ok: true, real: 'now' });
    expect(translateSince('0')).toEqual({ ok: true, real: '0' });
    expect(translateSince(encodeSeq(3, noiseOf(9)))).toEqual({ ok: true, real: '3' });
  });

  it('should refuse a token whose visible number was changed', () => {
    const token = encodeSeq(12, noiseOf(1));
    expect(decodeSeq(token.replace(/^12-/, '13-'))).toBeUndefined();
  });
});

describe('strict CouchDB changes pages', () => {
  it('should never give a page of two or more in write order, and shuffle the same way for one seed', () => {
    for (let n = 2; n < 8; n += 1) {
      const rows = Array.from({ length: n }, (_, i) => i);
      const once = shufflePage(rows, seededRandom(n));
      expect(once).not.toEqual(rows);
      expect([...once].sort((a, b) => a - b)).toEqual(rows);
      expect(shufflePage(rows, seededRandom(n))).toEqual(once);
    }
  });

  it('should make every row seq and last_seq opaque while keeping what they point at', () => {
    const body = {
      results: [
        { id: 'a', seq: 1 },
        { id: 'b', seq: 2 },
        { id: 'c', seq: 3 },
      ],
      last_seq: 3,
      pending: 0,
    };
    const out = rewriteChangesBody(body, seededRandom(1), freshNoise);
    expect(out.pending).toBe(0);
    expect(out.results!.map((row) => row.id)).not.toEqual(['a', 'b', 'c']);
    expect(Object.fromEntries(out.results!.map((row) => [row.id, decodeSeq(String(row.seq))]))).toEqual({ a: 1, b: 2, c: 3 });
    expect(typeof out.last_seq).toBe('string');
    expect(decodeSeq(String(out.last_seq))).toBe(3);
  });

  it('should answer a different update_seq on two reads of one database', () => {
    const first = rewriteDbInfo({ db_name: 'x', update_seq: 4 }, freshNoise);
    const second = rewriteDbInfo({ db_name: 'x', update_seq: 4 }, freshNoise);
    expect(first.update_seq).not.toBe(second.update_seq);
    expect(decodeSeq(String(first.update_seq))).toBe(4);
  });
});

describe('strict CouchDB _all_dbs', () => {
  const names = ['tb_accounts', 'tb_guides_331123', 'tb_guides_331124', 'tb_u_x_applications', 'tbx_guides_1'];

  it('should honour JSON startkey and endkey', () => {
    expect(filterAllDbs(names, { startkey: '"tb_guides_"', endkey: '"tb_guides_\ufff0"' })).toEqual(['tb_guides_331123', 'tb_guides_331124']);
  });

  it('should answer nothing for a double-encoded key, as CouchDB does', () => {
    const twice = JSON.stringify(JSON.stringify('tb_guides_'));
    expect(filterAllDbs(names, { startkey: twice, endkey: JSON.stringify(JSON.stringify('tb_guides_\ufff0')) })).toEqual([]);
  });

  it('should honour limit, skip and descending, and refuse a key that is not JSON', () => {
    expect(filterAllDbs(names, { limit: '2' })).toEqual(['tb_accounts', 'tb_guides_331123']);
    expect(filterAllDbs(names, { skip: '3' })).toEqual(['tb_u_x_applications', 'tbx_guides_1']);
    expect(filterAllDbs(names, { descending: 'true', limit: '1' })).toEqual(['tbx_guides_1']);
    expect(filterAllDbs(names, { startkey: 'tb_' })).toBeUndefined();
  });
});
