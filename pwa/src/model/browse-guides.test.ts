import { describe, expect, it } from 'vitest';
import type { GuideDoc } from '../../../sync-protocol/index.js';
import { buildSearchIndex } from '../search/index.js';
import { termOf } from '../search/test-terms.js';
import { browseGuides, categoriesOf, splitHighlight } from './browse-guides.js';

const base: GuideDoc = {
  id: '',
  itemCode: 'X',
  name: '',
  itemType: '行政许可',
  audience: ['个人'],
  department: '市场监督管理局',
  level: '县级',
  areaCode: '331123',
  conditions: [],
  materials: [],
  formFields: [],
  timeLimit: { statutoryDays: 1, promisedDays: 1 },
  fee: '不收费',
  channels: ['窗口办'],
  delivery: ['窗口领取'],
  version: 1,
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const make = (id: string, name: string, extra: Partial<GuideDoc>): GuideDoc => {
  const g = { ...base, id, name, ...extra };
  return { ...g, search: { terms: [g.name, ...(g.keywords ?? []), g.department].map(termOf) } };
};
const guides = [
  make('getihu', '个体工商户设立登记', { keywords: ['营业执照'], lifeEvents: ['开店创业'] }),
  make('qiye', '企业设立登记', { audience: ['法人'], keywords: ['营业执照'], lifeEvents: ['开店创业'] }),
  make('dibao', '最低生活保障审核确认', { department: '民政局', lifeEvents: ['社会救助'] }),
];
const index = buildSearchIndex(guides);
const ids = (filter: Partial<Parameters<typeof browseGuides>[2]>) => browseGuides(guides, index, { query: '', audience: '', category: '', ...filter }).map((r) => r.guide.id);

describe('browseGuides', () => {
  it('should list every guide without a filter', () => {
    expect(ids({})).toEqual(['getihu', 'qiye', 'dibao']);
  });

  it('should narrow by audience, life event and department', () => {
    expect(ids({ audience: '法人' })).toEqual(['qiye']);
    expect(ids({ category: 'event:开店创业' })).toEqual(['getihu', 'qiye']);
    expect(ids({ category: 'dept:民政局' })).toEqual(['dibao']);
    expect(ids({ category: 'event:开店创业', audience: '个人' })).toEqual(['getihu']);
  });

  it('should search within the filter', () => {
    expect(ids({ query: 'yyzz' })).toEqual(['getihu', 'qiye']);
    expect(ids({ query: 'yyzz', audience: '法人' })).toEqual(['qiye']);
    expect(ids({ query: 'dibao' })).toEqual([]);
    expect(ids({ query: 'zdsh' })).toEqual(['dibao']);
  });
});

describe('categoriesOf', () => {
  it('should offer each life event and department once', () => {
    expect(categoriesOf(guides)).toEqual({ lifeEvents: ['开店创业', '社会救助'], departments: ['民政局', '市场监督管理局'] });
  });
});

describe('splitHighlight', () => {
  it('should split around the matched code points', () => {
    expect(splitHighlight('个体工商户设立登记', 5, 7)).toEqual(['个体工商户', '设立', '登记']);
  });
});
