import type { GuideDoc, GuideFormField } from '../../../sync-protocol/index.js';

/** The fields every application asks for, before the guide's own fields. */
export const APPLICANT_FIELDS: GuideFormField[] = [
  { key: 'applicantName', label: '申请人姓名', type: 'text', required: true },
  { key: 'idNumber', label: '身份证号码', type: 'idNumber', required: true, hint: '18位，最后一位可以是X' },
  { key: 'phone', label: '手机号码', type: 'phone', required: true, hint: '11位手机号，方便工作人员联系您' },
];

export type FormValues = Record<string, string>;
/** Field key → what is wrong, in words the applicant understands. */
export type FormErrors = Record<string, string>;

const ID_NUMBER = /^[1-9]\d{16}[\dXx]$/;
const PHONE = /^1\d{10}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const APPLICANT_KEYS = new Set(APPLICANT_FIELDS.map((f) => f.key));

/**
 * All fields of the form for a guide: the applicant's, then the guide's own.
 * A guide field with an applicant key (`phone`…) is asked once, as the applicant's.
 */
export function formFieldsFor(guide: Pick<GuideDoc, 'formFields'>): GuideFormField[] {
  return [...APPLICANT_FIELDS, ...guide.formFields.filter((f) => !APPLICANT_KEYS.has(f.key))];
}

/** Splits typed values into the application's `applicant` and `form` parts. */
export function toApplicationParts(guide: Pick<GuideDoc, 'formFields'>, values: FormValues) {
  const value = (key: string) => (values[key] ?? '').trim();
  const applicant = { name: value('applicantName'), idNumber: value('idNumber').toUpperCase(), phone: value('phone') };
  const form: Record<string, string | number | boolean> = {};
  for (const field of guide.formFields) {
    const v = field.key === 'idNumber' ? applicant.idNumber : value(field.key);
    if (v === '') continue;
    form[field.key] = field.type === 'number' ? Number(v) : v;
  }
  return { applicant, form };
}

/** Checks one value against its field; returns the problem or null. */
export function checkField(field: GuideFormField, raw: string | undefined): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? `${field.type === 'select' || field.type === 'date' ? '请选择' : '请填写'}${field.label}` : null;
  switch (field.type) {
    case 'idNumber':
      return ID_NUMBER.test(value) ? null : '身份证号码应为18位，请核对';
    case 'phone':
      return PHONE.test(value) ? null : '手机号码应为11位数字';
    case 'creditCode':
      return CREDIT_CODE.test(value.toUpperCase()) ? null : '统一社会信用代码应为18位，请核对';
    case 'number':
      return Number.isFinite(Number(value)) ? null : '请填写数字';
    case 'date':
      return DATE.test(value) ? null : '请选择日期';
    case 'select':
      return !field.options || field.options.includes(value) ? null : '请从选项中选择';
    default:
      return null;
  }
}

/** Checks the whole form; an empty result means it may be submitted. */
export function checkForm(fields: GuideFormField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    const problem = checkField(field, values[field.key]);
    if (problem) errors[field.key] = problem;
  }
  return errors;
}
