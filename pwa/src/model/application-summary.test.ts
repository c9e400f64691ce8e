import { describe, expect, it } from 'vitest';
import type { ApplicationMaterial } from '../../../sync-protocol/index.js';
import { applicantLabel, describePhotos, draftAdvice, firstPhoto, lacksName, photoCount } from './application-summary.js';

const page = (c: string) => ({ sha256: c.repeat(64), bytes: 10, contentType: 'image/jpeg' as const });
const materials: ApplicationMaterial[] = [
  { key: 'id-card', name: '居民身份证', pages: [page('a'), page('b')] },
  { key: 'lease', name: '经营场所使用证明', pages: [], waived: true },
];

describe('application summary', () => {
  it('should say the name is not filled in while a draft has none', () => {
    expect(applicantLabel({ applicant: {} })).toBe('未填姓名');
    expect(applicantLabel({ applicant: { name: '  ' } })).toBe('未填姓名');
    expect(applicantLabel({ applicant: { name: '王秀英' } })).toBe('王秀英');
    expect(lacksName({ applicant: {} })).toBe(true);
    expect(lacksName({ applicant: { name: '王秀英' } })).toBe(false);
  });

  it('should count the photographed pages, not the waived materials', () => {
    expect(photoCount({ materials })).toBe(2);
    expect(photoCount({})).toBe(0);
    expect(firstPhoto({ materials })).toBe('a'.repeat(64));
    expect(firstPhoto({ materials: [materials[1]] })).toBeNull();
  });

  it('should describe a nameless draft by its photos', () => {
    expect(describePhotos({ materials })).toBe('已拍 2 张照片');
    expect(describePhotos({ materials: [materials[1]] })).toBeNull();
  });

  it('should ask for the name of a nameless draft, saying its photos are kept only when it has some', () => {
    expect(draftAdvice({ applicant: {}, materials })).toBe('还没有提交。拍的照片已经存好，请补填姓名等内容后再提交。');
    expect(draftAdvice({ applicant: { phone: '13957800123' } })).toBe('还没有提交。填的内容已经存好，请补填姓名等内容后再提交。');
    expect(draftAdvice({ applicant: { name: '王秀英' }, materials })).toBe('还没有提交，只保存在这部手机上。');
  });
});
