import {
  FIELD_MAX_LENGTH,
  fieldValueProblem,
  NUMBER_PATTERN,
  numberOf,
  ruleMessage,
  type ApplicationDoc,
  type ApplicationMaterial,
  type GuideDoc,
  type GuideFormField,
} from '../../../sync-protocol/index.js';

/** Re-exported for the form's inputs: the protocol defines what a number is. */
export { NUMBER_PATTERN, numberOf };

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

/** The longest applicant name the application schema takes (1–100 characters). */
export const MAX_NAME_LENGTH = 100;
/** The longest form value the application schema takes. */
export const MAX_FORM_TEXT_LENGTH = FIELD_MAX_LENGTH.textarea;

/** What the input of a field lets be typed, so that a draft always fits the schema. */
export interface InputLimits {
  maxLength: number;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel';
  pattern?: string;
}

/** The input limits of a field, from the application schema (name 1–100, identifiers by their standard, text up to 4000). */
export function inputLimitsOf(field: Pick<GuideFormField, 'key' | 'type'>): InputLimits {
  if (field.key === 'applicantName') return { maxLength: MAX_NAME_LENGTH };
  switch (field.type) {
    case 'phone':
      return { maxLength: 13, inputMode: 'numeric' }; // 11 digits, perhaps typed as 139 5780 0123
    case 'idNumber':
    case 'creditCode':
      return { maxLength: 18 };
    case 'number':
      return { maxLength: 20, inputMode: 'decimal', pattern: NUMBER_PATTERN };
    case 'textarea':
      return { maxLength: MAX_FORM_TEXT_LENGTH };
    default:
      return { maxLength: FIELD_MAX_LENGTH.text };
  }
}

/**
 * All fields of the form for a guide: the applicant's, then the guide's own.
 * A guide field with an applicant key (`phone`…) is asked once, as the applicant's.
 */
export function formFieldsFor(guide: Pick<GuideDoc, 'formFields'>, options: { forAgent?: boolean } = {}): GuideFormField[] {
  const applicant = options.forAgent ? AGENT_APPLICANT_FIELDS : APPLICANT_FIELDS;
  return [...applicant, ...guide.formFields.filter((f) => !APPLICANT_KEYS.has(f.key))];
}

/**
 * The applicant's fields when a village agent fills the form: each label
 * says it is the applicant's (the person filed for), not the agent's own.
 */
const AGENT_APPLICANT_FIELDS: GuideFormField[] = [
  { key: 'applicantName', label: '申请人（被代办的人）姓名', type: 'text', required: true },
  { key: 'idNumber', label: '申请人的身份证号码', type: 'idNumber', required: true, hint: '申请人本人的，不是代办员的。18位，最后一位可以是X' },
  { key: 'phone', label: '申请人的手机号码', type: 'phone', required: true, hint: '申请人本人或家里人的手机；没有手机的，可以填代办员的' },
];

/** Splits typed values into the application's `applicant` and `form` parts. */
export function toApplicationParts(guide: Pick<GuideDoc, 'formFields'>, values: FormValues, address?: string) {
  const value = (key: string) => (values[key] ?? '').trim();
  // Cut to what the schema takes: the input's maxLength already stops typing there; this guards a paste past it.
  const applicant = {
    name: value('applicantName').slice(0, MAX_NAME_LENGTH),
    idNumber: value('idNumber').toUpperCase().slice(0, 32),
    phone: value('phone').slice(0, 20),
    ...(address ? { address: address.slice(0, 200) } : {}),
  };
  const form: Record<string, string | number | boolean> = {};
  for (const field of guide.formFields) {
    const v = field.key === 'idNumber' ? applicant.idNumber : value(field.key);
    if (v === '') continue;
    // Never NaN (the database refuses it): what is not a number yet is kept as typed, and submit says so.
    form[field.key] = field.type === 'number' ? (numberOf(v) ?? v.slice(0, MAX_FORM_TEXT_LENGTH)) : v.slice(0, MAX_FORM_TEXT_LENGTH);
  }
  return { applicant, form };
}

/**
 * Checks one value against its field; returns the problem in plain Chinese, or null.
 * The rule is the protocol's (sync-protocol/field-rules.ts: GB 11643, GB 32100…),
 * so the phone refuses offline exactly what the gateway would refuse later;
 * the words come from the protocol's catalogue, naming the field by its label.
 * `today` only bounds birth dates in ID numbers.
 */
export function checkField(field: GuideFormField, raw: string | undefined, today: Date = new Date()): string | null {
  const problem = fieldValueProblem(field, raw, { today, maxLength: inputLimitsOf(field).maxLength });
  return problem ? ruleMessage(problem, { label: field.label }) : null;
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
