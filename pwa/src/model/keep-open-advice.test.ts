import { describe, expect, it } from 'vitest';
import { keepOpenAdvice } from './keep-open-advice.js';

describe('keepOpenAdvice', () => {
  it('should say nothing where the browser sends in the background, or when nothing waits', () => {
    expect(keepOpenAdvice(3, true, true)).toBeNull();
    expect(keepOpenAdvice(0, true, false)).toBeNull();
    expect(keepOpenAdvice(0, false, false)).toBeNull();
  });

  it('should ask to open the app once the network is back, offline', () => {
    expect(keepOpenAdvice(2, true, false)).toBe('这台手机关掉通办后不会在后台发送。有网以后，请打开通办，2 份申请才会发出去。');
    expect(keepOpenAdvice(1, true, false)).toBe('这台手机关掉通办后不会在后台发送。有网以后，请打开通办，这份申请才会发出去。');
  });

  it('should ask to keep the app open until everything says 已送达, online', () => {
    expect(keepOpenAdvice(1, false, false)).toBe('这台手机关掉通办后不会在后台发送。请让通办开着（可以切到别的应用），等这份申请显示“已送达”再关掉。');
    expect(keepOpenAdvice(3, false, false)).toBe('这台手机关掉通办后不会在后台发送。请让通办开着（可以切到别的应用），等 3 份申请都显示“已送达”再关掉。');
  });
});
