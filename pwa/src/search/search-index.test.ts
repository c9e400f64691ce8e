import { describe, expect, it } from 'vitest';
import type { SearchableGuide } from './search-index.js';
import { buildSearchIndex } from './search-index.js';
import { termOf } from './test-terms.js';

function guide(id: string, name: string, keywords: string[], department: string, materials: string[] = []): SearchableGuide {
  const texts = [name, ...keywords, department, ...materials];
  return {
    id,
    name,
    keywords,
    department,
    materials: materials.map((m, i) => ({ key: `m${i}`, name: m, forms: ['原件'], copies: 1, required: true, waivable: false })),
    search: { terms: [...new Set(texts)].map(termOf) },
  };
}

const guides = [
  guide('getihu', '个体工商户设立登记', ['营业执照', '开店'], '遂昌县市场监督管理局', ['经营者身份证件']),
  guide('qiye', '企业设立登记（有限责任公司）', ['开公司', '营业执照'], '遂昌县市场监督管理局'),
  guide('yingye-shui', '营业税申报', ['报税'], '遂昌县税务局'),
  guide('yibao', '城乡居民基本医疗保险参保登记', ['医保'], '遂昌县医疗保障局', ['营业执照副本']),
  guide('dibao', '最低生活保障审核确认', ['低保'], '遂昌县民政局'),
];
const index = buildSearchIndex(guides);
const ids = (query: string) => index.search(query).map((hit) => hit.guideId);

describe('buildSearchIndex', () => {
  it('should find 个体工商户设立登记 by its keyword 营业执照 in initials and full pinyin', () => {
    expect(ids('yyzz')).toContain('getihu');
    expect(ids('yingye')).toContain('getihu');
    expect(index.search('yyzz').find((h) => h.guideId === 'getihu')).toMatchObject({ term: '营业执照', field: 'keyword', position: 'exact', start: 0, end: 4 });
  });

  it('should find guides by Chinese, initials of the name and mixed queries', () => {
    expect(ids('个体工商户')[0]).toBe('getihu');
    expect(ids('gtgsh')).toEqual(['getihu']);
    expect(ids('营业zz')).toContain('getihu');
    expect(ids('ying业')).toContain('getihu');
    expect(ids('Ying Ye')).toContain('getihu');
  });

  it('should rank name matches above keywords above departments and materials', () => {
    // 营业税申报 has 营业 in its name; two guides have it as a keyword; 医保 has it in a material.
    expect(ids('yingye')).toEqual(['yingye-shui', 'getihu', 'qiye', 'yibao']);
  });

  it('should rank exact and prefix matches above infix ones in the same field', () => {
    const local = buildSearchIndex([guide('infix', '临时救助', [], '民政局'), guide('prefix', '救助站登记', [], '民政局'), guide('exact', '救助', [], '民政局')]);
    expect(local.search('jiuzhu').map((h) => h.guideId)).toEqual(['exact', 'prefix', 'infix']);
    expect(local.search('jiuzhu').map((h) => h.position)).toEqual(['exact', 'prefix', 'infix']);
  });

  it('should find nothing for text that is in no guide', () => {
    expect(ids('xyzq')).toEqual([]);
    expect(ids('飞机')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });

  it('should find a department term once for every guide that shares it', () => {
    expect(ids('市场监督').sort()).toEqual(['getihu', 'qiye']);
  });

  it('should give highlight positions in code points of the published term', () => {
    const hit = buildSearchIndex([guide('qiye', '企业设立登记（有限责任公司）', [], '局')]).search('youxian')[0];
    expect(hit).toMatchObject({ term: '企业设立登记（有限责任公司）', start: 7, end: 9 });
  });

  it('should search a guide without published terms by its Chinese text', () => {
    const old = buildSearchIndex([{ id: 'old', name: '残疾人证新办', keywords: ['残疾证'] }]);
    expect(old.search('残疾').map((h) => h.guideId)).toEqual(['old']);
    expect(old.search('cjz')).toEqual([]);
  });

  it('should honour a limit', () => {
    expect(index.search('登记', 1)).toHaveLength(1);
  });

  it('should find a guide by words that sit in different terms, typed apart', () => {
    // Name + department: no single term holds both.
    expect(ids('营业执照 税务')).toEqual([]);
    expect(ids('报税 遂昌')).toEqual(['yingye-shui']);
    expect(ids('医保，yyzz')).toEqual(['yibao']);
    expect(ids('低保　民政')).toEqual(['dibao']);
  });

  it('should rank a whole-query match in one term before word-by-word matches', () => {
    // "营业 执照" is 营业执照 typed with a space: one term, found as before.
    const hits = index.search('营业 执照');
    expect(hits.map((h) => h.guideId)).toEqual(expect.arrayContaining(['getihu', 'qiye', 'yibao']));
    expect(hits[0].term).toBe('营业执照');
  });
});
