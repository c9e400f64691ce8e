import { describe, expect, it } from 'vitest';
import { searchTermsOf, syllablesOf } from './search-terms.js';
import { sampleGuideInput } from '../../test/support/sample-guides.js';

describe('syllablesOf', () => {
  it('should give one toneless syllable per character', () => {
    expect(syllablesOf('营业执照')).toEqual(['ying', 'ye', 'zhi', 'zhao']);
  });

  it('should read polyphones in context', () => {
    expect(syllablesOf('银行')).toEqual(['yin', 'hang']);
    expect(syllablesOf('行长')).toEqual(['hang', 'zhang']);
    expect(syllablesOf('重庆')).toEqual(['chong', 'qing']);
  });

  it('should let other characters stand for themselves, lowercased, punctuation and spaces included', () => {
    expect(syllablesOf('A4纸（绿色）')).toEqual(['a', '4', 'zhi', '（', 'lv', 'se', '）']);
    expect(syllablesOf('ETC 卡')).toEqual(['e', 't', 'c', ' ', 'ka']);
  });

  it('should keep one syllable per character beyond the basic plane', () => {
    const text = '𠀀村';
    expect(syllablesOf(text)).toHaveLength(Array.from(text).length);
    expect(syllablesOf(text)[1]).toBe('cun');
  });
});

describe('searchTermsOf', () => {
  it('should list name, keywords, department, materials and life events once each, in order', () => {
    const guide = { ...sampleGuideInput('guide-test-0001', '331123'), keywords: ['开店', '营业执照'], lifeEvents: ['开店创业', '开店'] };
    const texts = searchTermsOf(guide).terms.map((term) => term.text);
    expect(texts).toEqual(['个体工商户设立登记', '开店', '营业执照', '遂昌县市场监督管理局', '经营者身份证件', '开店创业']);
    expect(searchTermsOf(guide).terms[2]).toEqual({ text: '营业执照', syllables: ['ying', 'ye', 'zhi', 'zhao'] });
  });
});
