import { describe, expect, it } from 'vitest';
import type { ApplicationMaterial, GuideMaterial } from '../../../sync-protocol/index.js';
import { describeMaterialState, materialMarksOf, materialStateOf, summariseMaterials, takenCount } from './material-checklist.js';

const page = { sha256: 'a'.repeat(64), bytes: 1000, contentType: 'image/jpeg' as const };
const material = (key: string, required: boolean, waivable = false) => ({ key, name: key, required, waivable }) as GuideMaterial;
const guide = [material('id-card', true), material('lease', true, true), material('photo', false), material('licence', true)];

describe('materialStateOf', () => {
  it('should say taken once a page is attached, whatever the material', () => {
    expect(materialStateOf(guide[2], { pages: [page] })).toBe('taken');
  });
  it('should say waived only for a material the guide lets wait', () => {
    expect(materialStateOf(guide[1], { pages: [], waived: true })).toBe('waived');
    expect(materialStateOf(guide[0], { pages: [], waived: true })).toBe('missing');
  });
  it('should tell a missing required material from an optional one not taken', () => {
    expect(materialStateOf(guide[0])).toBe('missing');
    expect(materialStateOf(guide[2])).toBe('optional');
  });
});

describe('describeMaterialState', () => {
  it('should count the photos taken and keep 还没有拍 for a missing one', () => {
    expect(describeMaterialState('taken', 2)).toBe('已拍 2 张');
    expect(describeMaterialState('missing', 0)).toBe('还没有拍');
  });
});

describe('materialMarksOf', () => {
  it('should use the guide page words 必需, 非必需 and 可容缺', () => {
    expect(materialMarksOf(guide[1])).toEqual(['必需', '可容缺']);
    expect(materialMarksOf(guide[2])).toEqual(['非必需']);
  });
});

describe('summariseMaterials', () => {
  it('should count the missing required materials and name the first', () => {
    const materials: ApplicationMaterial[] = [{ key: 'id-card', name: 'id-card', pages: [page] }];
    expect(summariseMaterials(guide, materials)).toEqual({ missing: 2, firstMissingKey: 'lease', text: '还差 2 项必需材料没有拍' });
  });
  it('should say all is there once every required one is taken or waived', () => {
    const materials: ApplicationMaterial[] = [
      { key: 'id-card', name: 'id-card', pages: [page] },
      { key: 'lease', name: 'lease', pages: [], waived: true },
      { key: 'licence', name: 'licence', pages: [page] },
    ];
    expect(summariseMaterials(guide, materials)).toEqual({ missing: 0, firstMissingKey: null, text: '必需材料都齐了' });
    expect(takenCount(guide, materials)).toBe(2);
  });
});
