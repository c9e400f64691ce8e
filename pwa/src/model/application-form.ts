import { checkCreditCode, checkDate, checkMobile, checkResidentId, type ApplicationDoc, type ApplicationMaterial, type GuideDoc, type GuideFormField, type IdentifierCheck } from '../../../sync-protocol/index.js';

/** The fields every application asks for, before the guide's own fields. */
export const APPLICANT_FIELDS: GuideFormField[] = [
  { key: 'applicantName', label: '申请人姓名', type: 'text', required: true },
  { key: 'idNumber', label: '身份证号码', type: 'idNumber', required: true, hint: '18位，最后一位可以是X' },
  { key: 'phone', label: '手机号码', type: 'phone', required: true, hint: '11位手机号，方便工作人员联系您' },
];

export type FormValues = Record<string, string>;
/** Field key → what is wrong, in words the applicant understands. */
export type FormErrors = Record<string, string>;


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

const reasonOf = (check: IdentifierCheck): string | null => (check.ok ? null : check.reason);

/**
 * Checks one value against its field; returns the problem in plain Chinese, or null.
 * Identifiers use the protocol's checks (GB 11643, GB 32100…), so the phone
 * refuses offline exactly what the gateway would refuse later.
 * `today` only bounds birth dates in ID numbers.
 */
export function checkField(field: GuideFormField, raw: string | undefined, today: Date = new Date()): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? `${field.type === 'select' || field.type === 'date' ? '请选择' : '请填写'}${field.label}` : null;
  switch (field.type) {
    case 'idNumber':
      return reasonOf(checkResidentId(value, today));
    case 'phone':
      return reasonOf(checkMobile(value));
    case 'creditCode':
      return reasonOf(checkCreditCode(value));
    case 'number':
      return Number.isFinite(Number(value)) ? null : '请填写数字';
    case 'date':
      return reasonOf(checkDate(value));
    case 'select':
      return !field.options || field.options.includes(value) ? null : '请从选项中选择';
    default:
      return null;
  }
}

/** Checks the whole form; an empty result means it may be submitted. */
export function checkForm(fields: GuideFormField[], values: FormValues, today: Date = new Date()): FormErrors {
  const errors: FormErrors = {};
  for (const field of fields) {
    const problem = checkField(field, values[field.key], today);
    if (problem) errors[field.key] = problem;
  }
  return errors;
}

/**
 * True while nothing was entered: no value typed, no page attached, no
 * material waived. Anything else is kept as a draft at once, whatever is
 * still empty (the name included): a blank form is not.
 */
export function isBlankForm(values: FormValues, materials: readonly ApplicationMaterial[]): boolean {
  return Object.values(values).every((v) => v.trim() === '') && materials.every((m) => m.pages.length === 0 && !m.waived);
}

/** The form's values of a saved application (a draft being continued). */
export function valuesOf(app: Pick<ApplicationDoc, 'applicant' | 'form'>): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(app.form)) values[key] = String(value);
  if (app.applicant.name) values.applicantName = app.applicant.name;
  if (app.applicant.idNumber) values.idNumber = app.applicant.idNumber;
  if (app.applicant.phone) values.phone = app.applicant.phone;
  return values;
}
