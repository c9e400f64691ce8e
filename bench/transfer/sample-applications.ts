/**
 * Applications as village agents file them: varied names, phones, ID
 * numbers, shop names, notes and photographed materials (by SHA-256), so
 * compression figures are not flattered by 500 copies of one document.
 */
import { createHash } from 'node:crypto';
import type { ApplicationDoc, WireDocument } from '../../sync-protocol/index.js';
import { residentIdCheckCharacter } from '../../sync-protocol/identifiers/resident-id.js';
import { seededRandom } from '../../test/support/link-model.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '叶', '郑', '蓝', '雷', '钟'];
const GIVEN = [
  '秀英',
  '桂英',
  '建国',
  '志强',
  '海燕',
  '丽华',
  '永福',
  '金花',
  '春生',
  '美玲',
  '国庆',
  '小红',
  '德明',
  '玉兰',
  '文斌',
  '晓东',
  '淑芬',
  '红梅',
  '伟',
  '芳',
  '军',
  '敏',
  '静',
  '磊',
  '洋',
];
const TOWNS = [
  '妙高街道',
  '云峰街道',
  '北界镇',
  '金竹镇',
  '大柘镇',
  '石练镇',
  '王村口镇',
  '黄沙腰镇',
  '三仁畲族乡',
  '濂竹乡',
  '应村乡',
  '高坪乡',
  '湖山乡',
  '焦滩乡',
  '龙洋乡',
  '柘岱口乡',
  '西畈乡',
  '垵口乡',
  '蔡源乡',
  '新路湾镇',
];
const TRADES = ['小吃店', '农家乐', '便利店', '茶叶店', '竹木加工坊', '菌菇种植场', '理发店', '五金店', '民宿', '土特产店', '修车铺', '果蔬店'];
const SCOPES = ['小餐饮', '预包装食品销售', '住宿服务', '农产品初加工', '日用百货零售', '美容美发服务', '机动车维修', '茶叶种植及销售'];
const GUIDES = [
  { id: 'guide-331123-getihu-sheli', name: '个体工商户设立登记', version: 3 },
  { id: 'guide-331123-shipin-jingying', name: '食品经营许可', version: 2 },
  { id: 'guide-331123-gaoling-jintie', name: '高龄津贴申领', version: 1 },
  { id: 'guide-331123-zhaijidi', name: '农村宅基地和建房（规划许可）审批', version: 4 },
];
const NOTES = ['', '', '材料原件已核对', '户主外出务工，由代办员代为提交', '营业场所为自有住房', '请尽快办理，谢谢', '已电话联系申请人确认信息'];

/** `count` valid applications, the same for a seed. */
export function sampleApplications(count: number, seed: number): WireDocument<ApplicationDoc>[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
  const sha = () => createHash('sha256').update(String(random())).digest('hex');
  // A real GB 11643 number (a born date that exists, the check character), as the gateway checks submitted ones.
  const idNumber = () => {
    const born = new Date(Date.UTC(1940 + Math.floor(random() * 60), 0, 1) + Math.floor(random() * 365) * 86_400_000);
    const first17 = `331123${born.toISOString().slice(0, 10).replaceAll('-', '')}${digits(3)}`;
    return `${first17}${residentIdCheckCharacter(first17)}`;
  };
  return Array.from({ length: count }, (_, i) => {
    const name = `${pick(SURNAMES)}${pick(GIVEN)}`;
    const town = pick(TOWNS);
    const guide = pick(GUIDES);
    const created = new Date(Date.UTC(2026, 10, 1) + Math.floor(random() * 25 * 86_400_000)).toISOString();
    const page = () => ({ sha256: sha(), bytes: 150_000 + Math.floor(random() * 250_000), contentType: 'image/jpeg' as const, width: 1600, height: 1200 });
    const note = pick(NOTES);
    return {
      id: `app-bench-${seed}-${String(i).padStart(5, '0')}`,
      guideId: guide.id,
      guideVersion: guide.version,
      guideName: guide.name,
      applicant: { name, idNumber: idNumber(), phone: `13${digits(9)}` },
      form: {
        applicantName: name,
        shopName: `遂昌县${town}${name}${pick(TRADES)}`,
        businessScope: pick(SCOPES),
        address: `浙江省丽水市遂昌县${town}${pick(['村', '社区'])}${1 + Math.floor(random() * 120)}号`,
        employees: 1 + Math.floor(random() * 6),
        capital: (1 + Math.floor(random() * 50)) * 10_000,
      },
      ...(note ? { notes: note } : {}),
      lifecycle: 'submitted',
      createdAt: created,
      updatedAt: created,
      submittedAt: created,
      materials: [
        { key: 'id-card', name: '居民身份证', pages: [page(), page()] },
        { key: 'premises', name: '经营场所证明', pages: [page()] },
      ],
      _deleted: false,
    };
  });
}
