import { describe, expect, it } from 'vitest';
import { MAX_MATERIAL_BYTES } from '../../sync-protocol/index.js';
import { Problem } from '../problem.js';
import { readMaterialUploadDeclaration } from './material-upload-headers.js';

const SHA = 'c'.repeat(64);
const b64 = (value: string) => Buffer.from(value).toString('base64');

function read(headers: Record<string, string>) {
  return readMaterialUploadDeclaration((name) => headers[name] ?? '');
}

function refusal(headers: Record<string, string>): Problem {
  try {
    read(headers);
  } catch (error) {
    return error as Problem;
  }
  throw new Error('expected a refusal');
}

describe('readMaterialUploadDeclaration', () => {
  const good = { 'upload-length': '1000', 'upload-metadata': `sha256 ${b64(SHA)},contentType ${b64('image/png')}` };

  it('should read length, sha256 and content type', () => {
    expect(read(good)).toEqual({ sha256: SHA, contentType: 'image/png', bytes: 1000 });
  });

  it('should name the header or metadata key it refuses', () => {
    expect(refusal({ ...good, 'upload-length': '' }).field).toBe('Upload-Length');
    expect(refusal({ ...good, 'upload-defer-length': '1' }).field).toBe('Upload-Length');
    expect(refusal({ ...good, 'upload-metadata': `contentType ${b64('image/png')}` }).field).toBe('Upload-Metadata.sha256');
    expect(refusal({ ...good, 'upload-metadata': `sha256 ${b64(SHA)},contentType ${b64('text/html')}` }).field).toBe('Upload-Metadata.contentType');
    expect(refusal({ ...good, 'upload-metadata': 'sha256 a b c' }).field).toBe('Upload-Metadata');
  });

  it('should refuse a material larger than MAX_MATERIAL_BYTES with 413', () => {
    const problem = refusal({ ...good, 'upload-length': String(MAX_MATERIAL_BYTES + 1) });
    expect([problem.code, problem.status]).toEqual(['BODY_TOO_LARGE', 413]);
    expect(read({ ...good, 'upload-length': String(MAX_MATERIAL_BYTES) }).bytes).toBe(MAX_MATERIAL_BYTES);
  });
});
