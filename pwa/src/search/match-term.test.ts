import { describe, expect, it } from 'vitest';
import { compileTerm } from './compile-term.js';
import { matchTerm } from './match-term.js';
import { normalizeQuery } from './normalize.js';
import { termOf } from './test-terms.js';

const matches = (text: string, query: string) => matchTerm(compileTerm(termOf(text)), normalizeQuery(query));

describe('matchTerm', () => {
  it('should match Chinese characters anywhere in the term', () => {
    expect(matches('营业执照', '营业执照')).toEqual({ start: 0, end: 4 });
    expect(matches('营业执照', '执照')).toEqual({ start: 2, end: 4 });
    expect(matches('营业执照', '执业')).toBeNull();
  });

  it('should match full pinyin, initials and a syllable prefix as the last piece', () => {
    expect(matches('营业执照', 'yingye')).toEqual({ start: 0, end: 2 });
    expect(matches('营业执照', 'yyzz')).toEqual({ start: 0, end: 4 });
    expect(matches('营业执照', 'yingyezhizhao')).toEqual({ start: 0, end: 4 });
    expect(matches('营业执照', 'yin')).toEqual({ start: 0, end: 1 });
    expect(matches('营业执照', 'zhizh')).toEqual({ start: 2, end: 4 });
  });

  it('should not take a syllable prefix in the middle of a query', () => {
    // "yin" is only a prefix of ying; it cannot be followed by the next character.
    expect(matches('营业执照', 'yinye')).toBeNull();
  });

  it('should not match letters that are neither initials nor syllables', () => {
    expect(matches('营业', 'yz')).toBeNull();
    expect(matches('营业', 'yy')).toEqual({ start: 0, end: 2 });
    expect(matches('营业执照', 'xyz')).toBeNull();
    expect(matches('营业执照', 'yingyea')).toBeNull();
  });

  it('should mix characters, pinyin and initials in one query', () => {
    expect(matches('营业执照', '营业zz')).toEqual({ start: 0, end: 4 });
    expect(matches('营业执照', 'ying业')).toEqual({ start: 0, end: 2 });
    expect(matches('个体工商户设立登记', 'gtgsh')).toEqual({ start: 0, end: 5 });
    expect(matches('个体工商户设立登记', 'getigongshanghu设立')).toEqual({ start: 0, end: 7 });
  });

  it('should accept the two-letter initials zh, ch and sh', () => {
    expect(matches('营业执照', 'yyzhzh')).toEqual({ start: 0, end: 4 });
    expect(matches('个体工商户设立登记', 'gtgshh')).toEqual({ start: 0, end: 5 });
    expect(matches('个体工商户设立登记', 'shldj')).toEqual({ start: 5, end: 9 });
  });

  it('should ignore spaces, case, full-width letters and punctuation', () => {
    expect(matches('营业执照', ' YING ye ')).toEqual({ start: 0, end: 2 });
    expect(matches('营业执照', 'ｙｙｚｚ')).toEqual({ start: 0, end: 4 });
    expect(matches('营业执照', '营业 执照')).toEqual({ start: 0, end: 4 });
    expect(matches('企业设立登记（有限责任公司）', '登记有限')).toEqual({ start: 4, end: 8 });
  });

  it('should let digits and letters in a term stand for themselves', () => {
    expect(matches('80岁补贴', '80sbt')).toEqual({ start: 0, end: 5 });
    expect(matches('ABC证', 'abcz')).toEqual({ start: 0, end: 4 });
    expect(matches('80岁补贴', '8b')).toBeNull();
  });

  it('should accept v for ü', () => {
    expect(matches('绿色通道', 'lvse')).toEqual({ start: 0, end: 2 });
    expect(matches('绿色通道', 'lüse')).toEqual({ start: 0, end: 2 });
  });

  it('should still match the characters of a term whose syllables do not line up', () => {
    const term = compileTerm({ text: '营业执照', syllables: ['ying', 'ye'] });
    expect(matchTerm(term, '执照')).toEqual({ start: 2, end: 4 });
    expect(matchTerm(term, 'yy')).toBeNull();
  });
});
