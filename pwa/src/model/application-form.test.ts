import { describe, expect, it } from 'vitest';
import { checkField, checkForm, formFieldsFor, inputLimitsOf, isBlankForm, numberOf, toApplicationParts, valuesOf } from './application-form.js';

describe('application form checks', () => {
  const fields = formFieldsFor({
    formFields: [
      { key: 'acreage', label: '面积（亩）', type: 'number', required: true },
      { key: 'note', label: '备注', type: 'textarea', required: false },
    ],
  });

  it('should ask for every required field that is empty', () => {
    const errors = checkForm(fields, { note: '' });
    expect(Object.keys(errors).sort()).toEqual(['acreage', 'applicantName', 'idNumber', 'phone']);
    expect(errors.applicantName).toBe('请填写申请人姓名');
  });

  it('should accept a complete form', () => {
    expect(checkForm(fields, { applicantName: '张三', idNumber: '11010519491231002X', phone: '13800138000', acreage: '2.5' })).toEqual({});
  });

  it('should reject malformed id numbers and phones', () => {
    expect(checkField({ key: 'x', label: 'x', type: 'idNumber', required: true }, '12345')).toMatch(/18位/);
    expect(checkField({ key: 'x', label: 'x', type: 'phone', required: true }, '0571-1234')).toMatch(/11位/);
  });

  it('should only accept listed options for a select', () => {
    const field = { key: 's', label: '类别', type: 'select' as const, required: true, options: ['甲', '乙'] };
    expect(checkField(field, '丙')).not.toBeNull();
    expect(checkField(field, '')).toBe('请选择类别');
    expect(checkField(field, '甲')).toBeNull();
  });

  it('should ask a guide field named like an applicant field only once', () => {
    const keys = formFieldsFor({ formFields: [{ key: 'phone', label: '电话', type: 'phone', required: true }] }).map((f) => f.key);
    expect(keys).toEqual(['applicantName', 'idNumber', 'phone']);
  });

  it('should split values into applicant and form, typing numbers', () => {
    const guide = {
      formFields: [
        { key: 'acreage', label: '面积', type: 'number' as const, required: true },
        { key: 'phone', label: '电话', type: 'phone' as const, required: true },
      ],
    };
    const parts = toApplicationParts(guide, { applicantName: ' 张三 ', idNumber: '11010519491231002x', phone: '13800138000', acreage: '2.5' });
    expect(parts).toEqual({ applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }, form: { acreage: 2.5, phone: '13800138000' } });
  });

  describe('identifiers and dates, checked offline', () => {
    const field = (type: 'idNumber' | 'creditCode' | 'phone' | 'date', required = true) => ({ key: type, label: '字段', type, required });
    const today = new Date('2026-11-26T00:00:00Z');

    it('should accept a resident ID number with the right check digit, lowercase x included', () => {
      expect(checkField(field('idNumber'), '332527198805120029', today)).toBeNull();
      expect(checkField(field('idNumber'), '11010519491231002x', today)).toBeNull();
    });

    it('should say the check digit is wrong for a resident ID number with one digit off', () => {
      expect(checkField(field('idNumber'), '332527198805120026', today)).toBe('身份证号码有误（校验位不对），请逐位核对');
    });

    it('should refuse a resident ID number born after today', () => {
      expect(checkField(field('idNumber'), '332527202701010015', today)).toMatch(/出生日期/);
    });

    it('should accept a unified social credit code with the right check character', () => {
      expect(checkField(field('creditCode'), '91331123MA2B00001Y', today)).toBeNull();
      expect(checkField(field('creditCode'), '91331123ma2b00001y', today)).toBeNull();
    });

    it('should say what is wrong with a credit code in plain words', () => {
      expect(checkField(field('creditCode'), '91331123MA2B00001X', today)).toMatch(/校验位不对/);
      expect(checkField(field('creditCode'), '91331123MA2B0000', today)).toBe('统一社会信用代码应为18位，现在是16位');
    });

    it('should accept a mobile number typed with spaces and refuse a landline', () => {
      expect(checkField(field('phone'), '139 5780 0123', today)).toBeNull();
      expect(checkField(field('phone'), '05781234567', today)).toBe('手机号码应以13到19开头');
    });

    it('should accept a real date and refuse one that does not exist', () => {
      expect(checkField(field('date'), '2026-12-01', today)).toBeNull();
      expect(checkField(field('date'), '2026-02-30', today)).toBe('这个日期不存在，请核对');
    });

    it('should ask for an empty required identifier and skip an empty optional one', () => {
      expect(checkField(field('creditCode'), '  ', today)).toBe('请填写字段');
      expect(checkField(field('date'), '', today)).toBe('请选择字段');
      expect(checkField(field('creditCode', false), '', today)).toBeNull();
    });
  });

  it('should give back the typed values of a saved draft', () => {
    const guide = { formFields: [{ key: 'acreage', label: '面积', type: 'number' as const, required: true }] };
    const values = { applicantName: '张三', idNumber: '11010519491231002X', phone: '13800138000', acreage: '2.5' };
    expect(valuesOf(toApplicationParts(guide, values))).toEqual(values);
  });

  it('should give back the values of a draft saved before the name was typed, without a name', () => {
    const guide = { formFields: [{ key: 'shopName', label: '店名', type: 'text' as const, required: true }] };
    expect(valuesOf(toApplicationParts(guide, { shopName: '小卖部' }))).toEqual({ shopName: '小卖部' });
    expect(valuesOf({ applicant: {}, form: {} })).toEqual({});
  });

  it('should call a form blank only while nothing is typed, attached or waived', () => {
    const page = { sha256: 'a'.repeat(64), bytes: 10, contentType: 'image/jpeg' as const };
    expect(isBlankForm({}, [])).toBe(true);
    expect(isBlankForm({ applicantName: ' ', phone: '' }, [{ key: 'id-card', name: '居民身份证', pages: [] }])).toBe(true);
    expect(isBlankForm({ phone: '138' }, [])).toBe(false);
    expect(isBlankForm({}, [{ key: 'id-card', name: '居民身份证', pages: [page] }])).toBe(false);
    expect(isBlankForm({}, [{ key: 'lease', name: '租赁合同', pages: [], waived: true }])).toBe(false);
  });

  describe('drafts that always fit the schema', () => {
    const acreage = { key: 'acreage', label: '面积', type: 'number' as const, required: true };

    it('should never store NaN for a number field: what is not a number is kept as typed', () => {
      const parts = toApplicationParts({ formFields: [acreage] }, { acreage: '约20亩' });
      expect(parts.form).toEqual({ acreage: '约20亩' });
      expect(valuesOf(parts).acreage).toBe('约20亩');
    });

    it('should take full-width digits as a number', () => {
      expect(numberOf('１２．５')).toBe(12.5);
      expect(numberOf('12,5')).toBeNull();
      expect(numberOf('1e3')).toBeNull();
    });

    it('should say in plain words that a number field takes only digits', () => {
      expect(checkField(acreage, 'abc')).toBe('请只填数字，比如 12 或 3.5');
      expect(checkField(acreage, '-3.5')).toBeNull();
    });

    it('should cut a pasted name to the 100 characters the schema takes, and say it is too long', () => {
      const long = '张'.repeat(130);
      expect(toApplicationParts({ formFields: [] }, { applicantName: long }).applicant.name).toHaveLength(100);
      expect(checkField({ key: 'applicantName', label: '申请人姓名', type: 'text', required: true }, long)).toBe('最多100个字，现在有130个字');
    });

    it('should give every input a length limit, and number and phone inputs a number keyboard', () => {
      expect(inputLimitsOf({ key: 'applicantName', type: 'text' })).toEqual({ maxLength: 100 });
      expect(inputLimitsOf(acreage)).toMatchObject({ inputMode: 'decimal', pattern: expect.any(String) });
      expect(inputLimitsOf({ key: 'phone', type: 'phone' })).toMatchObject({ maxLength: 13, inputMode: 'numeric' });
    });
  });
});
