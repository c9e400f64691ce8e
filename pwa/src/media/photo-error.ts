/**
 * Why a photo was not accepted, one stable code each. `message` is shown to
 * the person holding the phone as it is; `fix` is for developers and logs.
 * Size alone is never a reason: a big photo is made smaller, not refused.
 */
export const PHOTO_PROBLEMS = {
  EMPTY: {
    message: '照片文件是空的，请重新拍摄或选择照片',
    fix: 'The file had 0 bytes; a camera app or a cloud drive gave nothing. Ask for the photo again.',
  },
  NOT_AN_IMAGE: {
    message: '这个文件不是照片，请拍照或选择 JPG、PNG 格式的照片',
    fix: 'The first bytes are not JPEG, PNG, WebP or HEIC, whatever the file name says.',
  },
  HEIC_UNSUPPORTED: {
    message: '这张照片是 HEIC 格式，手机浏览器无法读取，请在相机设置里改为「兼容性最佳」后重拍，或选择 JPG 照片',
    fix: 'The browser cannot decode HEIC/HEIF (every browser but Safari). The camera must save JPEG.',
  },
  CORRUPT: {
    message: '照片文件已损坏，请重新拍摄',
    fix: 'The file is truncated or the browser could not decode it.',
  },
  PROCESSING_FAILED: {
    message: '手机处理这张照片时出错，请关闭其他应用后重试，或重新拍一张',
    fix: 'Decoding worked but drawing or encoding failed (often memory on an old phone); see the cause.',
  },
} as const satisfies Record<string, { message: string; fix: string }>;

export type PhotoErrorCode = keyof typeof PHOTO_PROBLEMS;

/** A photo the pipeline refused or could not process; switch on `code`, show `message`. */
export class PhotoError extends Error {
  override readonly name = 'PhotoError';
  readonly fix: string;

  constructor(
    readonly code: PhotoErrorCode,
    options: { cause?: unknown } = {},
  ) {
    super(PHOTO_PROBLEMS[code].message, options);
    this.fix = PHOTO_PROBLEMS[code].fix;
  }
}

export function isPhotoErrorCode(value: unknown): value is PhotoErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PHOTO_PROBLEMS, value);
}

export function isPhotoError(value: unknown): value is PhotoError {
  return value instanceof PhotoError;
}
