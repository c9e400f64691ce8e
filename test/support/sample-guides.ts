import { areaLevelOf, type AreaDoc, type GuideInput } from '../../sync-protocol/index.js';

/** The areas the sample guides use: 浙江省 → 丽水市 → 遂昌县 / 松阳县 → 妙高街道. */
export const SAMPLE_AREAS: AreaDoc[] = [
  { code: '330000', name: '浙江省', fullName: '浙江省', level: 'province' },
  { code: '331100', name: '丽水市', fullName: '浙江省丽水市', level: 'city', parentCode: '330000' },
  { code: '331123', name: '遂昌县', fullName: '浙江省丽水市遂昌县', level: 'county', parentCode: '331100' },
  { code: '331124', name: '松阳县', fullName: '浙江省丽水市松阳县', level: 'county', parentCode: '331100' },
  { code: '331123001', name: '妙高街道', fullName: '浙江省丽水市遂昌县妙高街道', level: 'township', parentCode: '331123' },
];

/** An area as an import file writes it. */
export function sampleArea(code: string, name = `区域${code}`): AreaDoc {
  return { code, name, fullName: name, level: areaLevelOf(code) };
}

/** A valid guide in the import form (no version, updatedAt or search); override any field. */
export function sampleGuideInput(id: string, areaCode: string, overrides: Partial<GuideInput> = {}): GuideInput {
  return {
    id,
    itemCode: `330217003000-${areaCode}`,
    name: '个体工商户设立登记',
    itemType: '行政许可',
    audience: ['个人'],
    department: '遂昌县市场监督管理局',
    level: '县级',
    areaCode,
    conditions: ['有固定的经营场所'],
    materials: [{ key: 'id-card', name: '经营者身份证件', forms: ['复印件', '电子件'], copies: 1, required: true, waivable: false, sampleUrl: '/samples/id-card-front.svg' }],
    formFields: [
      { key: 'applicantName', label: '申请人姓名', type: 'text', required: true },
      { key: 'phone', label: '联系电话', type: 'phone', required: true },
    ],
    timeLimit: { statutoryDays: 15, promisedDays: 1 },
    fee: '不收费',
    channels: ['网上办', '窗口办'],
    delivery: ['窗口领取'],
    ...overrides,
  };
}
