import { describe, expect, it } from 'vitest';
import { diffMaterials, isEmptyDiff, snapshotMaterials, type MaterialSnapshot } from './material-diff.js';

const idCard: MaterialSnapshot = { key: 'id-card', name: '身份证', forms: ['复印件'], copies: 1, required: true, waivable: false };
const lease: MaterialSnapshot = { key: 'lease', name: '租赁合同', forms: ['复印件'], copies: 1, required: false, waivable: true };

describe('diffMaterials', () => {
  it('should find nothing when only the order changed', () => {
    const diff = diffMaterials([idCard, lease], [lease, idCard]);
    expect(isEmptyDiff(diff)).toBe(true);
  });

  it('should list added and removed materials', () => {
    const photo: MaterialSnapshot = { key: 'photo', name: '门店照片', forms: ['电子件'], copies: 0, required: true, waivable: false };
    const diff = diffMaterials([idCard, lease], [idCard, photo]);
    expect(diff.added.map((m) => m.name)).toEqual(['门店照片']);
    expect(diff.removed.map((m) => m.name)).toEqual(['租赁合同']);
    expect(diff.changed).toEqual([]);
  });

  it('should say when a material became required, lost its waiver or needs more copies', () => {
    const diff = diffMaterials(
      [lease, idCard],
      [
        { ...lease, required: true, waivable: false },
        { ...idCard, forms: ['原件', '复印件'], copies: 2 },
      ],
    );
    expect(diff.changed).toEqual([
      { key: 'lease', name: '租赁合同', changes: ['现在必须提交', '不能再容缺，必须带齐'] },
      { key: 'id-card', name: '身份证', changes: ['原来要复印件1份，现在要原件2份、复印件2份'] },
    ]);
  });

  it('should say when a material was renamed', () => {
    const diff = diffMaterials([idCard], [{ ...idCard, name: '居民身份证' }]);
    expect(diff.changed[0].changes).toEqual(['名称改为「居民身份证」（原为「身份证」）']);
  });

  it('should keep only the compared fields in a snapshot', () => {
    const [snap] = snapshotMaterials([{ ...idCard, notes: '长注释', sampleUrl: '/samples/id.svg', source: '公安' }]);
    expect(snap).toEqual(idCard);
  });
});
