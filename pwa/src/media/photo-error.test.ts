import { describe, expect, it } from 'vitest';
import { isPhotoError, isPhotoErrorCode, PHOTO_PROBLEMS, PhotoError } from './photo-error.js';

describe('photo problems', () => {
  it('should give every code a Chinese message for the user and a fix for developers', () => {
    for (const [code, problem] of Object.entries(PHOTO_PROBLEMS)) {
      expect(problem.message, code).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.fix.length, code).toBeGreaterThan(10);
    }
  });

  it('should tell people how to get a readable photo when HEIC cannot be decoded', () => {
    expect(PHOTO_PROBLEMS.HEIC_UNSUPPORTED.message).toBe('这张照片是 HEIC 格式，手机浏览器无法读取，请在相机设置里改为「兼容性最佳」后重拍，或选择 JPG 照片');
  });

  it('should carry code, message, fix and cause on the error', () => {
    const cause = new Error('decode failed');
    const error = new PhotoError('CORRUPT', { cause });
    expect(error).toMatchObject({ code: 'CORRUPT', message: '照片文件已损坏，请重新拍摄', name: 'PhotoError', cause });
    expect(error.fix).toBe(PHOTO_PROBLEMS.CORRUPT.fix);
    expect(isPhotoError(error)).toBe(true);
    expect(isPhotoError(new Error('x'))).toBe(false);
  });

  it('should recognise only catalogued codes', () => {
    expect(isPhotoErrorCode('NOT_AN_IMAGE')).toBe(true);
    expect(isPhotoErrorCode('TOO_BIG')).toBe(false);
    expect(isPhotoErrorCode('toString')).toBe(false);
  });
});
