/**
 * One table of submission-rule cases, run on both sides: by the gateway's
 * integration test over HTTP (test/integration/submission-rules.test.ts) and
 * by the phone's data interface (pwa/src/db/data-api.test.ts), so the two
 * cannot drift. Test data only: nothing in production imports it.
 */
import type { RuleCode } from './rule-issue.js';
import type { ApplicationDoc, Commitment, MaterialPage } from './schemas/application.js';
import type { GuideDoc, GuideInput } from './schemas/guide.js';

export const RULE_CASES_AREA = '331123';
export const RULE_CASES_GUIDE_ID = 'guide-rules-0001';
/** The version both sides hold: the gateway publishes the guide twice, so version 1 is an older one. */
export const RULE_CASES_GUIDE_VERSION = 2;
/** Today for both sides (birth dates are bounded by it). */
export const RULE_CASES_TODAY = new Date('2026-11-25T08:00:00.000Z');

/** The guide as an operator imports it (the gateway adds version, updatedAt and search terms). */
export const RULE_CASES_GUIDE_INPUT: GuideInput = {
  id: RULE_CASES_GUIDE_ID,
  itemCode: '330217003000-rules',
  name: '规则测试事项',
  itemType: '行政许可',
  audience: ['个人', '法人'],
  department: '遂昌县市场监督管理局',
  level: '县级',
  areaCode: RULE_CASES_AREA,
  conditions: ['有固定的经营场所'],
  materials: [
    { key: 'id-card', name: '身份证件', forms: ['复印件'], copies: 1, required: true, waivable: false },
    { key: 'lease', name: '租赁合同', forms: ['复印件'], copies: 1, required: true, waivable: true },
    { key: 'photo', name: '门店照片', forms: ['电子件'], copies: 1, required: false, waivable: false },
  ],
  formFields: [
    { key: 'applicantName', label: '经营者姓名', type: 'text', required: true },
    { key: 'idNumber', label: '公民身份号码', type: 'idNumber', required: true },
    { key: 'phone', label: '联系电话', type: 'phone', required: true },
    { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: true },
    { key: 'foundedOn', label: '成立日期', type: 'date', required: false },
    { key: 'employees', label: '从业人数', type: 'number', required: false },
    { key: 'organizationForm', label: '组成形式', type: 'select', required: true, options: ['个人经营', '家庭经营'] },
    { key: 'businessScope', label: '经营范围', type: 'textarea', required: true },
  ],
  timeLimit: { statutoryDays: 15, promisedDays: 3 },
  fee: '不收费',
  channels: ['掌上办'],
  delivery: ['窗口领取'],
};

/** The guide as a phone holds it after pulling the published version. */
export const RULE_CASES_GUIDE: GuideDoc = { ...RULE_CASES_GUIDE_INPUT, version: RULE_CASES_GUIDE_VERSION, updatedAt: '2026-11-20T08:00:00.000Z' };

const page = (c: string, contentType: MaterialPage['contentType'] = 'image/jpeg'): MaterialPage => ({ sha256: c.repeat(64), bytes: 1000, contentType });

const signedFor = (waivedKeys: string[]): Commitment => ({
  waivedKeys,
  text: '本人承诺5个工作日内补交所缺材料。',
  signature: page('e', 'image/png'),
  signedAt: '2026-11-25T08:00:00.000Z',
});

const ID_NUMBER = '11010519491231002X';
const valid = {
  applicant: { name: '王秀英', idNumber: ID_NUMBER, phone: '13957800123' },
  form: {
    applicantName: '王秀英',
    idNumber: ID_NUMBER,
    phone: '139 5780 0123',
    creditCode: '91350100M000100Y43',
    foundedOn: '2026-01-31',
    employees: 3,
    organizationForm: '个人经营',
    businessScope: '小餐饮',
  },
  materials: [
    { key: 'id-card', name: '身份证件', pages: [page('a')] },
    { key: 'lease', name: '租赁合同', pages: [page('b')] },
  ],
};

/** The parts of an application a case sets; the rest is the same for every case. */
export type RuleCaseParts = Partial<Pick<ApplicationDoc, 'applicant' | 'form' | 'materials' | 'commitment' | 'lifecycle' | 'guideId' | 'guideVersion'>>;

export interface RuleCase {
  name: string;
  parts: RuleCaseParts;
  /** The first broken rule, or null when the application must be accepted. */
  refused: { field: string; code: RuleCode } | null;
}

const form = (changes: Record<string, string | number | undefined>): ApplicationDoc['form'] => {
  const next: Record<string, string | number | boolean> = { ...valid.form };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
};
const waivedLease = [valid.materials[0], { key: 'lease', name: '租赁合同', pages: [], waived: true }];
const older = { guideVersion: RULE_CASES_GUIDE_VERSION - 1 };

export const RULE_CASES: RuleCase[] = [
  { name: 'a complete application', parts: {}, refused: null },
  {
    name: 'an applicant ID number with a wrong check digit',
    parts: { applicant: { ...valid.applicant, idNumber: '110105194912310021' } },
    refused: { field: 'applicant.idNumber', code: 'ID_CHECK_DIGIT' },
  },
  {
    name: 'an applicant mobile number that is not one',
    parts: { applicant: { ...valid.applicant, phone: '12957800123' } },
    refused: { field: 'applicant.phone', code: 'MOBILE_PREFIX' },
  },
  { name: 'no applicant name', parts: { applicant: { idNumber: ID_NUMBER } }, refused: { field: 'applicant.name', code: 'REQUIRED' } },
  { name: 'a form ID number with a wrong check digit', parts: { form: form({ idNumber: '110105194912310021' }) }, refused: { field: 'form.idNumber', code: 'ID_CHECK_DIGIT' } },
  {
    name: 'a credit code with a wrong check character',
    parts: { form: form({ creditCode: '91350100M000100Y44' }) },
    refused: { field: 'form.creditCode', code: 'CREDIT_CODE_CHECK_DIGIT' },
  },
  { name: 'a form mobile number of 10 digits', parts: { form: form({ phone: '1395780012' }) }, refused: { field: 'form.phone', code: 'MOBILE_LENGTH' } },
  { name: 'a date that does not exist', parts: { form: form({ foundedOn: '2026-02-30' }) }, refused: { field: 'form.foundedOn', code: 'DATE_NOT_REAL' } },
  { name: 'a number field holding words', parts: { form: form({ employees: '三个' }) }, refused: { field: 'form.employees', code: 'NOT_A_NUMBER' } },
  { name: 'a choice that is not an option', parts: { form: form({ organizationForm: '公司经营' }) }, refused: { field: 'form.organizationForm', code: 'NOT_AN_OPTION' } },
  { name: 'a required choice left out', parts: { form: form({ organizationForm: undefined }) }, refused: { field: 'form.organizationForm', code: 'CHOICE_REQUIRED' } },
  { name: 'a required field left blank', parts: { form: form({ businessScope: '  ' }) }, refused: { field: 'form.businessScope', code: 'REQUIRED' } },
  { name: 'a one-line field longer than 500 characters', parts: { form: form({ applicantName: '王'.repeat(501) }) }, refused: { field: 'form.applicantName', code: 'TOO_LONG' } },
  { name: 'a required material with no pages', parts: { materials: [valid.materials[1]] }, refused: { field: 'materials.id-card', code: 'MATERIAL_REQUIRED' } },
  {
    name: 'a waiver of a material that cannot be waived',
    parts: { materials: [{ key: 'id-card', name: '身份证件', pages: [], waived: true }, valid.materials[1]], commitment: signedFor(['id-card']) },
    refused: { field: 'materials.id-card', code: 'NOT_WAIVABLE' },
  },
  { name: 'a waiver with no signed commitment', parts: { materials: waivedLease }, refused: { field: 'commitment.waivedKeys', code: 'COMMITMENT_MISMATCH' } },
  {
    name: 'a commitment listing a material that is not waived',
    parts: { materials: waivedLease, commitment: signedFor(['lease', 'photo']) },
    refused: { field: 'commitment.waivedKeys', code: 'COMMITMENT_MISMATCH' },
  },
  { name: 'a waiver with a commitment listing exactly it', parts: { materials: waivedLease, commitment: signedFor(['lease']) }, refused: null },
  { name: 'an older guide version: its fields and materials are not known, so not checked', parts: { ...older, form: {}, materials: [] }, refused: null },
  {
    name: 'an older guide version with a wrong applicant ID number',
    parts: { ...older, applicant: { ...valid.applicant, idNumber: '110105194912310021' } },
    refused: { field: 'applicant.idNumber', code: 'ID_CHECK_DIGIT' },
  },
  {
    name: 'an older guide version with a waiver and no commitment',
    parts: { ...older, materials: waivedLease },
    refused: { field: 'commitment.waivedKeys', code: 'COMMITMENT_MISMATCH' },
  },
  {
    name: 'a guide the checker never held, with a wrong applicant ID number',
    parts: { guideId: 'guide-rules-unknown', applicant: { ...valid.applicant, idNumber: '110105194912310021' } },
    refused: { field: 'applicant.idNumber', code: 'ID_CHECK_DIGIT' },
  },
  {
    name: 'a draft breaking every submission rule',
    parts: { lifecycle: 'draft', applicant: { idNumber: '110105194912310021' }, form: { creditCode: 'x' }, materials: waivedLease },
    refused: null,
  },
];

/** The application of a case, submitted unless the case says otherwise. */
export function ruleCaseApplication(id: string, parts: RuleCaseParts): ApplicationDoc {
  return {
    id,
    guideId: RULE_CASES_GUIDE_ID,
    guideVersion: RULE_CASES_GUIDE_VERSION,
    guideName: RULE_CASES_GUIDE_INPUT.name,
    applicant: valid.applicant,
    form: valid.form,
    materials: valid.materials,
    lifecycle: 'submitted',
    createdAt: '2026-11-25T07:00:00.000Z',
    updatedAt: '2026-11-25T07:30:00.000Z',
    submittedAt: '2026-11-25T07:30:00.000Z',
    ...parts,
  };
}
