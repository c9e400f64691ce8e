import { describe, expect, it } from 'vitest';
import { RULE_CASES, RULE_CASES_GUIDE, RULE_CASES_TODAY, ruleCaseApplication } from './application-rules.cases.js';
import { applicationRuleIssues } from './application-rules.js';
import { fieldValueProblem } from './field-rules.js';
import { residentIdCheckCharacter } from './identifiers/index.js';
import { guideForRules } from './submission-rules.js';
import { createDocumentValidators, validateWireDocument } from './validation.js';

const validators = createDocumentValidators();

describe('submission rules (the table both sides run)', () => {
  it.each(RULE_CASES)('should answer $name as the table says', ({ parts, refused }) => {
    const app = ruleCaseApplication('app-rules-case', parts);
    expect(validateWireDocument(validators.applications, { ...app, _deleted: false })).toEqual({ ok: true });
    const issues = applicationRuleIssues(app, { guide: guideForRules(app, RULE_CASES_GUIDE), today: RULE_CASES_TODAY });
    if (refused) expect(issues[0]).toMatchObject(refused);
    else expect(issues).toEqual([]);
  });
});

describe('guideForRules', () => {
  it('should give the guide only for the id and version the application names', () => {
    const app = ruleCaseApplication('app-1', {});
    expect(guideForRules(app, RULE_CASES_GUIDE)).toBe(RULE_CASES_GUIDE);
    expect(guideForRules({ ...app, guideVersion: 1 }, RULE_CASES_GUIDE)).toBeNull();
    expect(guideForRules({ ...app, guideId: 'other' }, RULE_CASES_GUIDE)).toBeNull();
    expect(guideForRules(app, null)).toBeNull();
  });
});

describe('fieldValueProblem', () => {
  const text = { type: 'text', required: false } as const;

  it('should take a number in a number field and refuse a boolean anywhere', () => {
    expect(fieldValueProblem({ type: 'number', required: true }, 3)).toBeNull();
    expect(fieldValueProblem({ type: 'number', required: true }, '３.５')).toBeNull();
    expect(fieldValueProblem(text, true)).toEqual({ code: 'NOT_TEXT' });
  });

  it('should let an optional field be empty and take a tighter limit when given', () => {
    expect(fieldValueProblem(text, undefined)).toBeNull();
    expect(fieldValueProblem({ type: 'date', required: false }, '')).toBeNull();
    expect(fieldValueProblem(text, '张'.repeat(101), { maxLength: 100 })).toEqual({ code: 'TOO_LONG', params: { max: 100, length: 101 } });
    expect(fieldValueProblem({ type: 'textarea', required: false }, '张'.repeat(4000))).toBeNull();
  });

  it('should bound birth dates by the day given', () => {
    const first17 = '33252720261125002';
    const born = first17 + residentIdCheckCharacter(first17);
    expect(fieldValueProblem({ type: 'idNumber', required: true }, born, { today: new Date(2026, 10, 24) })).toEqual({ code: 'ID_BIRTH_DATE_FUTURE' });
    expect(fieldValueProblem({ type: 'idNumber', required: true }, born, { today: new Date(2026, 10, 25) })).toBeNull();
  });
});
