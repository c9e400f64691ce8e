import { describe, expect, it } from 'vitest';
import { RULE_CODES } from './rule-issue.js';
import { RULE_MESSAGES_ZH, ruleMessage } from './rule-messages.js';

/** Params every code could quote, so that a message that forgets one shows `undefined`. */
const PARAMS = { length: 17, max: 500, character: 'O', digit: '0' };

describe('rule messages', () => {
  it('should give every rule code Chinese words and nothing else', () => {
    expect(Object.keys(RULE_MESSAGES_ZH).sort()).toEqual([...RULE_CODES].sort());
    for (const code of RULE_CODES) {
      const words = ruleMessage({ code, params: PARAMS }, { label: '联系电话' });
      expect(words, code).toMatch(/[\u4e00-\u9fff]/);
      expect(words, code).not.toMatch(/undefined|\$\{/);
    }
  });

  it('should name the field by its label, or say 这一项 without one', () => {
    expect(ruleMessage({ code: 'REQUIRED' }, { label: '经营场所' })).toBe('请填写经营场所');
    expect(ruleMessage({ code: 'CHOICE_REQUIRED' }, { label: '组成形式' })).toBe('请选择组成形式');
    expect(ruleMessage({ code: 'REQUIRED' })).toBe('请填写这一项');
  });

  it('should quote the values the rule gives', () => {
    expect(ruleMessage({ code: 'ID_LENGTH', params: { length: 17 } })).toBe('身份证号码应为18位，现在是17位');
    expect(ruleMessage({ code: 'CREDIT_CODE_LOOKALIKE', params: { character: 'O', digit: '0' } })).toBe('统一社会信用代码里没有字母O，可能是数字0');
    expect(ruleMessage({ code: 'TOO_LONG', params: { max: 500, length: 501 } })).toBe('最多500个字，现在有501个字');
  });
});
