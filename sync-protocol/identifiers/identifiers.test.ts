import { describe, expect, it } from 'vitest';
import { ruleMessage } from '../rule-messages.js';
import { checkCreditCode, checkDate, checkMobile, checkResidentId, creditCodeCheckCharacter, residentIdCheckCharacter, type IdentifierCheck } from './index.js';

/** What the phone shows for a check: the catalogue's words for its code. */
const words = (check: IdentifierCheck): string | null => (check.ok ? null : ruleMessage(check));

const TODAY = new Date(2026, 10, 25);

describe('resident identity number (GB 11643)', () => {
  it("should accept the standard's own examples, with X upper or lower case", () => {
    expect(checkResidentId('11010519491231002X', TODAY)).toEqual({ ok: true });
    expect(checkResidentId('11010519491231002x', TODAY)).toEqual({ ok: true });
    expect(checkResidentId('440524188001010014', TODAY).ok).toBe(false); // born 1880: before 1900
    expect(checkResidentId(' 332527198805120029 ', TODAY)).toEqual({ ok: true });
    expect(checkResidentId('332527198805120026', TODAY).ok).toBe(false);
  });

  it("should compute the check character of the standard's example", () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
  });

  it('should refuse a wrong check character', () => {
    expect(checkResidentId('110105194912310021', TODAY)).toEqual({ ok: false, code: 'ID_CHECK_DIGIT' });
    expect(words(checkResidentId('110105194912310021', TODAY))).toBe('身份证号码有误（校验位不对），请逐位核对');
  });

  it('should refuse a wrong length, letters and an unknown province', () => {
    expect(words(checkResidentId('11010519491231002', TODAY))).toBe('身份证号码应为18位，现在是17位');
    expect(checkResidentId('1101051949123100AX', TODAY).ok).toBe(false);
    expect(words(checkResidentId('99010519491231002X', TODAY))).toBe('身份证号码开头的地区代码不对，请核对');
  });

  it('should refuse a birth date that does not exist or lies in the future', () => {
    // 1990-02-30 does not exist: the check character is computed so only the date is wrong.
    const feb30 = `33252719900230002`;
    expect(words(checkResidentId(feb30 + residentIdCheckCharacter(feb30), TODAY))).toBe('身份证号码中的出生日期不存在，请核对');
    const future = `33252720270101002`;
    expect(words(checkResidentId(future + residentIdCheckCharacter(future), TODAY))).toBe('身份证号码中的出生日期晚于今天，请核对');
    const born = `33252720261125002`;
    expect(checkResidentId(born + residentIdCheckCharacter(born), TODAY)).toEqual({ ok: true });
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('should accept valid codes, in either case', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true });
    expect(checkCreditCode('91350100m000100y43')).toEqual({ ok: true });
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('should refuse a wrong check character', () => {
    expect(words(checkCreditCode('91350100M000100Y44'))).toBe('统一社会信用代码有误（校验位不对），请逐位核对');
  });

  it('should name a letter the code never uses and the digit meant', () => {
    expect(words(checkCreditCode('91350100MO00100Y43'))).toBe('统一社会信用代码里没有字母O，可能是数字0');
    expect(words(checkCreditCode('91350100M0001V0Y43'))).toBe('统一社会信用代码含有无效字符“V”');
  });

  it('should refuse a wrong length and a non-numeric area code', () => {
    expect(words(checkCreditCode('91350100M000100Y4'))).toBe('统一社会信用代码应为18位，现在是17位');
    const bad = '91A50100M000100Y4';
    expect(checkCreditCode(bad + creditCodeCheckCharacter(bad)).ok).toBe(false);
  });
});

describe('mobile number', () => {
  it('should accept 11 digits from 13 to 19, with spaces, dashes or +86', () => {
    for (const n of ['13957800123', '139 5780 0123', '139-5780-0123', '+8613957800123', '19912345678']) {
      expect(checkMobile(n), n).toEqual({ ok: true });
    }
  });

  it('should refuse wrong lengths, prefixes and letters', () => {
    expect(words(checkMobile('1395780012'))).toBe('手机号码应为11位，现在是10位');
    expect(words(checkMobile('12957800123'))).toBe('手机号码应以13到19开头');
    expect(words(checkMobile('1395780012a'))).toBe('手机号码只能包含数字');
    expect(words(checkMobile('0578-8123456'))).toBe('手机号码应以13到19开头');
  });
});

describe('date', () => {
  it('should accept real dates and refuse others', () => {
    expect(checkDate('2024-02-29')).toEqual({ ok: true });
    expect(words(checkDate('2026-02-29'))).toBe('这个日期不存在，请核对');
    expect(checkDate('2026/01/31').ok).toBe(false);
    expect(checkDate('2026-13-01').ok).toBe(false);
  });
});
