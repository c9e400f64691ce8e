import { describe, expect, it } from 'vitest';
import { describeStatus } from './status-text.js';

describe('describeStatus', () => {
  it('should name the state in plain words', () => {
    expect(describeStatus({ state: 'supplement_required' })).toBe('需要补交材料');
    expect(describeStatus({ state: 'forwarded', message: '已报送省平台' })).toBe('等待受理');
  });

  it('should add the province message after the state', () => {
    expect(describeStatus({ state: 'completed', message: '请到窗口领取' })).toBe('已办结，请到窗口领取');
  });

  it('should not say the state twice when the message starts with it', () => {
    expect(describeStatus({ state: 'accepted', message: '已受理，正在审查' })).toBe('已受理，正在审查');
  });
});
