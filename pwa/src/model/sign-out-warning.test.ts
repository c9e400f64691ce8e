import { describe, expect, it } from 'vitest';
import { signOutWarning } from './sign-out-warning.js';

describe('signOutWarning', () => {
  it('should say how many applications have not been sent and that they will be kept', () => {
    expect(signOutWarning(2)).toBe('还有 2 份申请没有发送。退出后它们会保留在这台手机上，您再次登录时会自动发送。确定退出吗？');
  });

  it('should not speak of unsent applications when there are none or they could not be counted', () => {
    for (const unsent of [0, null]) {
      expect(signOutWarning(unsent)).not.toContain('没有发送');
      expect(signOutWarning(unsent)).toContain('保留在这台手机上');
    }
  });
});
