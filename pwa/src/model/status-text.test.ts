import { describe, expect, it } from 'vitest';
import { describeStatus } from './status-text.js';

describe('describeStatus', () => {
  it('should name the state in plain words', () => {
    expect(describeStatus({ state: 'supplement_required' })).toBe('需要补交材料');
  });

  it('should add the acceptance number and message', () => {
    expect(describeStatus({ state: 'accepted', acceptanceNumber: 'SL-001', message: '请保持电话畅通' })).toBe('已受理，受理编号 SL-001，请保持电话畅通');
  });
});
