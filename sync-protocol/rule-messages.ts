import type { RuleCode, RuleIssue, RuleParams } from './rule-issue.js';

/** What a message may say about where the problem is: the label the person sees (a field's or a material's). */
export interface MessageContext {
  label?: string;
}

type Words = (params: RuleParams, label: string) => string;

/** Used when the caller has no label to name the field by. */
const SOME_FIELD = '这一项';

/**
 * The words of every rule code, in Chinese (the language of the people we
 * serve). Keyed by code, so a code without words does not compile, and
 * rule-messages.test.ts checks each says something.
 */
export const RULE_MESSAGES_ZH: Record<RuleCode, Words> = {
  REQUIRED: (_p, label) => `请填写${label}`,
  CHOICE_REQUIRED: (_p, label) => `请选择${label}`,
  TOO_LONG: (p) => `最多${p.max}个字，现在有${p.length}个字`,
  NOT_TEXT: (_p, label) => `${label}应填写文字`,
  NOT_A_NUMBER: () => '请只填数字，比如 12 或 3.5',
  NOT_AN_OPTION: () => '请从选项中选择',
  ID_LENGTH: (p) => `身份证号码应为18位，现在是${p.length}位`,
  ID_CHARACTERS: () => '身份证号码前17位应为数字，最后一位是数字或X',
  ID_AREA: () => '身份证号码开头的地区代码不对，请核对',
  ID_BIRTH_DATE_INVALID: () => '身份证号码中的出生日期不存在，请核对',
  ID_BIRTH_DATE_FUTURE: () => '身份证号码中的出生日期晚于今天，请核对',
  ID_CHECK_DIGIT: () => '身份证号码有误（校验位不对），请逐位核对',
  CREDIT_CODE_LENGTH: (p) => `统一社会信用代码应为18位，现在是${p.length}位`,
  CREDIT_CODE_LOOKALIKE: (p) => `统一社会信用代码里没有字母${p.character}，可能是数字${p.digit}`,
  CREDIT_CODE_CHARACTER: (p) => `统一社会信用代码含有无效字符“${p.character}”`,
  CREDIT_CODE_AREA: () => '统一社会信用代码第3到8位应为地区代码（数字），请核对',
  CREDIT_CODE_CHECK_DIGIT: () => '统一社会信用代码有误（校验位不对），请逐位核对',
  MOBILE_NOT_DIGITS: () => '手机号码只能包含数字',
  MOBILE_LENGTH: (p) => `手机号码应为11位，现在是${p.length}位`,
  MOBILE_PREFIX: () => '手机号码应以13到19开头',
  DATE_FORMAT: () => '日期格式应为“年-月-日”，如 2026-01-31',
  DATE_NOT_REAL: () => '这个日期不存在，请核对',
  MATERIAL_REQUIRED: (_p, label) => `还没有拍${label}`,
  NOT_WAIVABLE: (_p, label) => `${label}不能容缺，请拍照上传`,
  COMMITMENT_MISMATCH: () => '容缺的材料与承诺书不一致，请重新签署承诺书',
  SUBMITTED_ONLY: () => '提交以后才能补件或评价',
  DUPLICATE_ID: () => '同一份补件提交了两次',
  ALREADY_RECEIVED: () => '已经收到的内容不能再修改',
  NOT_COMPLETED_YET: () => '办结以后才能评价',
  HOUSEHOLD_REQUIRED: () => '请先选择为哪一户办理',
  AUTHORISATION_REQUIRED: () => '代办的申请要先请申请人签字授权（授权委托书）',
  AGENTS_ONLY: () => '只有代办员代办的申请才需要填写这一项',
  NOT_THIS_AGENT: () => '授权书上的代办员不是现在登录的代办员，请请申请人重新签字授权',
  OTHER_HOUSEHOLD: (_p, label) => `${label}是给另一户拍的，不能用在这一户，请重新拍照`,
  ONE_HEAD: () => '每户要有一位户主，而且只能有一位',
};

/** The words for one rule issue, naming the field by the label the person sees when given. */
export function ruleMessage(issue: Pick<RuleIssue, 'code' | 'params'>, context: MessageContext = {}): string {
  return RULE_MESSAGES_ZH[issue.code](issue.params ?? {}, context.label ?? SOME_FIELD);
}
