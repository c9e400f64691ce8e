import { describe, expect, it } from 'vitest';
import type { GuideMaterial, MaterialPage } from '../../../sync-protocol/index.js';
import { addPage, commitmentText, supplyDays, missingMaterials, orderForMaterial, removePage, setWaived, waivedMaterials } from './application-materials.js';

const idCard: GuideMaterial = { key: 'id-card', name: '居民身份证', forms: ['复印件'], copies: 1, required: true, waivable: false, maxPages: 2 };
const register: GuideMaterial = { key: 'hukou', name: '户口簿', forms: ['复印件'], copies: 1, required: true, waivable: true };
const photo: GuideMaterial = { key: 'photo', name: '门店照片', forms: ['电子件'], copies: 0, required: false, waivable: false };
const page = (n: number): MaterialPage => ({ sha256: String(n).repeat(64).slice(0, 64), bytes: 1000 + n, contentType: 'image/jpeg' });

describe('application materials', () => {
  it("should add pages once each, up to the guide's page limit", () => {
    let m = addPage([], idCard, page(1));
    m = addPage(m, idCard, page(1));
    m = addPage(m, idCard, page(2));
    m = addPage(m, idCard, page(3));
    expect(m).toEqual([{ key: 'id-card', name: '居民身份证', pages: [page(1), page(2)] }]);
  });

  it('should drop a material whose last page is removed', () => {
    const m = addPage(addPage([], idCard, page(1)), photo, page(2));
    expect(removePage(m, 'id-card', page(1).sha256)).toEqual([{ key: 'photo', name: '门店照片', pages: [page(2)] }]);
  });

  it('should count required materials with neither pages nor a waiver', () => {
    expect(missingMaterials([idCard, register, photo], []).map((m) => m.key)).toEqual(['id-card', 'hukou']);
    const m = setWaived(addPage([], idCard, page(1)), register, true);
    expect(missingMaterials([idCard, register, photo], m)).toEqual([]);
    expect(waivedMaterials([idCard, register, photo], m).map((g) => g.key)).toEqual(['hukou']);
  });

  it('should never waive a material the guide does not allow to be missing', () => {
    expect(setWaived([], idCard, true)).toEqual([]);
    // A waiver stored before the guide stopped allowing it does not count.
    const stale = [{ key: 'id-card', name: '居民身份证', pages: [], waived: true }];
    expect(missingMaterials([idCard], stale).map((m) => m.key)).toEqual(['id-card']);
    expect(waivedMaterials([idCard], stale)).toEqual([]);
  });

  it('should end a waiver when unticked, and refuse one for a material that has pages', () => {
    const waived = setWaived([], register, true);
    expect(waived).toEqual([{ key: 'hukou', name: '户口簿', pages: [], waived: true }]);
    expect(setWaived(waived, register, false)).toEqual([]);
    const withPage = addPage([], register, page(1));
    expect(setWaived(withPage, register, true)).toEqual(withPage);
  });

  it('should write a commitment naming the materials, the days and the consequences', () => {
    const text = commitmentText({ applicantName: '王秀英', guideName: '城乡居民基本养老保险参保登记', waived: [register] });
    expect(text).toContain('王秀英');
    expect(text).toContain('1. 户口簿');
    expect(text).toContain('5个工作日内');
    expect(text).toContain('不予办理');
    expect(commitmentText({ applicantName: '', guideName: 'x', waived: [register], days: 10 })).toContain('10个工作日内');
  });

  it("should take the days to hand in from the guide's notes, the shortest first", () => {
    expect(supplyDays([{ notes: '可先行受理，3个工作日内补交' }, { notes: '10个工作日内补交' }])).toBe(3);
    expect(supplyDays([{ notes: '原件核验' }, {}])).toBe(5);
    const text = commitmentText({ applicantName: '王秀英', guideName: 'x', waived: [{ name: '经营场所使用证明', notes: '可先行受理，3个工作日内补交' }] });
    expect(text).toContain('3个工作日内');
  });

  it('should offer locker items taken for the same material first, newest first', () => {
    const items = [
      { id: 'a', materialKey: 'hukou', createdAt: '2026-11-20' },
      { id: 'b', materialKey: 'id-card', createdAt: '2026-11-01' },
      { id: 'c', createdAt: '2026-11-25' },
      { id: 'd', materialKey: 'id-card', createdAt: '2026-11-10' },
    ];
    expect(orderForMaterial(items, 'id-card').map((i) => i.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});
