import { describe, expect, it } from 'vitest';
import { isProblem } from '../problem.js';
import { checkTusRequest } from './tus-request-headers.js';

const CHUNK = { 'tus-resumable': '1.0.0', 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' };

function refusalOf(method: string, headers: Record<string, string>, size?: number): { code: string; field?: string } | null {
  try {
    checkTusRequest(method, (name) => headers[name] ?? '', size);
    return null;
  } catch (error) {
    if (!isProblem(error)) throw error;
    return { code: error.code, field: error.field };
  }
}

describe('checkTusRequest', () => {
  it('should pass a well-formed chunk and a HEAD', () => {
    expect(refusalOf('PATCH', { ...CHUNK, 'content-length': '10' }, 10)).toBeNull();
    expect(refusalOf('PATCH', CHUNK, 10)).toBeNull();
    expect(refusalOf('HEAD', { 'tus-resumable': '1.0.0' })).toBeNull();
  });

  it.each([
    ['no Tus-Resumable', 'HEAD', {}, undefined, 'TUS_VERSION_UNSUPPORTED', 'Tus-Resumable'],
    ['another tus version', 'POST', { 'tus-resumable': '0.2.2' }, undefined, 'TUS_VERSION_UNSUPPORTED', 'Tus-Resumable'],
    ['a chunk as JSON', 'PATCH', { ...CHUNK, 'content-type': 'application/json' }, 10, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type'],
    ['no offset', 'PATCH', { ...CHUNK, 'upload-offset': '' }, 10, 'INVALID_REQUEST', 'Upload-Offset'],
    ['a negative offset', 'PATCH', { ...CHUNK, 'upload-offset': '-1' }, 10, 'INVALID_REQUEST', 'Upload-Offset'],
    ['an offset with leading zeros', 'PATCH', { ...CHUNK, 'upload-offset': '007' }, 10, 'INVALID_REQUEST', 'Upload-Offset'],
    ['a second Upload-Length', 'PATCH', { ...CHUNK, 'upload-length': '10' }, 10, 'INVALID_REQUEST', 'Upload-Length'],
    ['a chunk past the upload', 'PATCH', { ...CHUNK, 'upload-offset': '6', 'content-length': '5' }, 10, 'BODY_TOO_LARGE', 'Content-Length'],
    ['a chunk past the largest material', 'PATCH', { ...CHUNK, 'content-length': String(21 * 1024 * 1024) }, undefined, 'BODY_TOO_LARGE', 'Content-Length'],
  ])('should refuse %s, naming the header', (_name, method, headers, size, code, field) => {
    expect(refusalOf(method, headers, size)).toEqual({ code, field });
  });
});
