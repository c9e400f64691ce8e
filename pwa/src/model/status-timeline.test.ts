import { describe, expect, it } from 'vitest';
import type { StatusDoc } from '../../../sync-protocol/index.js';
import { acceptanceNumberOf, buildTimeline } from './status-timeline.js';

const page = { sha256: 'a'.repeat(64), bytes: 100, contentType: 'image/jpeg' as const };
const submitted = { lifecycle: 'submitted' as const, submittedAt: '2026-11-20T08:00:00Z' };

function status(state: StatusDoc['state'], at: string, extra: Partial<StatusDoc> = {}): StatusDoc {
  return { id: `${state}-${at}`, applicationId: 'app-1', state, at, ...extra };
}

describe('buildTimeline', () => {
  it('should show nothing for a draft', () => {
    expect(buildTimeline({ lifecycle: 'draft' }, [])).toEqual([]);
  });

  it('should not say a draft kept at the gateway is on its way to the province', () => {
    expect(buildTimeline({ lifecycle: 'draft', server: { receivedAt: '2026-11-20T08:05:00Z' } }, [])).toEqual([]);
  });

  it('should start with the submit on the phone, marked as phone time', () => {
    const [first] = buildTimeline(submitted, []);
    expect(first).toMatchObject({ title: '在手机上提交', clock: 'device', lines: ['已保存在手机上，有网络时自动发送。'] });
    const [sent] = buildTimeline({ ...submitted, server: { receivedAt: '2026-11-20T08:05:00Z' } }, []);
    expect(sent.lines).toEqual(['已从手机发出。']);
  });

  it('should put the server steps after the submit even when the phone clock is days ahead', () => {
    const phoneAhead = { ...submitted, submittedAt: '2026-12-05T08:00:00Z', server: { receivedAt: '2026-11-20T08:05:00Z' } };
    const titles = buildTimeline(phoneAhead, [status('accepted', '2026-11-20T09:00:00Z')]).map((e) => e.title);
    expect(titles).toEqual(['在手机上提交', '已送达县里', '已受理']);
  });

  it('should carry the acceptance number and the materials asked for with their reasons', () => {
    const entries = buildTimeline(submitted, [
      status('accepted', '2026-11-20T09:00:00Z', { acceptanceNumber: '浙330000-2026-000123' }),
      status('supplement_required', '2026-11-21T09:00:00Z', { materials: [{ name: '居民身份证', reason: '照片反光，号码看不清' }] }),
    ]);
    expect(entries[1].lines).toContain('受理编号：浙330000-2026-000123');
    expect(entries[2]).toMatchObject({ title: '需补件', tone: 'action', materials: [{ name: '居民身份证', reason: '照片反光，号码看不清' }] });
  });

  it('should not show the gateway step twice when a received status exists', () => {
    const app = { ...submitted, server: { receivedAt: '2026-11-20T08:05:00Z' } };
    const titles = buildTimeline(app, [status('received', '2026-11-20T08:05:00Z')]).map((e) => e.title);
    expect(titles.filter((t) => t === '已送达县里')).toHaveLength(1);
  });

  it('should put the supplement right after the request it answers and the rating after 办结, whatever the phone clock says', () => {
    const request = status('supplement_required', '2026-11-21T09:00:00Z');
    const app = {
      ...submitted,
      supplements: [{ id: 'sup-1', requestedBy: request.id, materials: [{ key: 'id-card', name: '居民身份证', pages: [page, page] }], at: '2020-01-01T00:00:00Z' }],
      rating: { score: 5, at: '2020-01-01T00:00:00Z' },
    };
    const titles = buildTimeline(app, [request, status('completed', '2026-11-25T09:00:00Z'), status('accepted', '2026-11-20T09:00:00Z')]).map((e) => e.title);
    expect(titles).toEqual(['在手机上提交', '已受理', '需补件', '已补交材料', '已办结', '已评价']);
  });
});

describe('buildTimeline wording', () => {
  it('should say the acceptance number once and prefer the province words to ours', () => {
    const entries = buildTimeline(submitted, [
      status('forwarded', '2026-11-20T08:00:00Z', { message: '已报送省平台' }),
      status('accepted', '2026-11-20T09:00:00Z', { acceptanceNumber: 'N-1', message: '已受理，请保持电话畅通' }),
      status('supplement_required', '2026-11-21T09:00:00Z', { acceptanceNumber: 'N-1' }),
    ]);
    expect(entries[1].lines).toEqual(['已交到省里的政务服务平台，等待办理部门受理。']);
    expect(entries[2].lines).toEqual(['已受理，请保持电话畅通', '受理编号：N-1']);
    expect(entries[3].lines).toEqual(['办理部门要求补交下面的材料，请拍照补交。']);
  });
});

describe('acceptanceNumberOf', () => {
  it('should find the number on the latest status that has one', () => {
    const statuses = [status('accepted', '2026-11-20T09:00:00Z', { acceptanceNumber: 'A-1' }), status('completed', '2026-11-25T09:00:00Z')];
    expect(acceptanceNumberOf(statuses)).toBe('A-1');
    expect(acceptanceNumberOf([])).toBeUndefined();
  });
});
