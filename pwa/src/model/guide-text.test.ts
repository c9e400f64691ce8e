import { describe, expect, it } from 'vitest';
import { describeForms, describeTimeLimit, materialMarks } from './guide-text.js';

describe('guide wording', () => {
  it('should say 即办 for zero days and working days otherwise', () => {
    expect(describeTimeLimit(0)).toBe('即办（当场办结）');
    expect(describeTimeLimit(5)).toBe('5个工作日');
  });

  it('should mark required, optional and waivable materials', () => {
    expect(materialMarks({ required: true, waivable: false })).toEqual(['必需']);
    expect(materialMarks({ required: true, waivable: true })).toEqual(['必需', '可容缺']);
    expect(materialMarks({ required: false, waivable: false })).toEqual(['非必需']);
  });

  it('should list forms with their copies', () => {
    expect(describeForms({ forms: ['原件', '复印件'], copies: 1 })).toBe('原件1份、复印件1份');
    expect(describeForms({ forms: ['电子件'], copies: 0 })).toBe('电子件');
  });
});
