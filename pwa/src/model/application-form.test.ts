import { describe, expect, it } from 'vitest';
import { checkField, checkForm, formFieldsFor, toApplicationParts } from './application-form.js';

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
    const guide = { formFields: [{ key: 'acreage', label: '面积', type: 'number' as const, required: true }, { key: 'phone', label: '电话', type: 'phone' as const, required: true }] };
    const parts = toApplicationParts(guide, { applicantName: ' 张三 ', idNumber: '11010519491231002x', phone: '13800138000', acreage: '2.5' });
    expect(parts).toEqual({ applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' }, form: { acreage: 2.5, phone: '13800138000' } });
  });
});
