import { describe, expect, it } from 'vitest';
import type { StatusDoc } from '../../../sync-protocol/index.js';
import { deriveStage, latestStatus, needsAction, orderStatuses, STAGE_LABELS } from './application-stage.js';

function status(state: StatusDoc['state'], at: string, id = `${state}-${at}`): StatusDoc {
  return { id, applicationId: 'app-1', state, at };
}

describe('deriveStage', () => {
  it('should keep the device state while the province has said nothing', () => {
    expect(deriveStage('pending', [])).toBe('pending');
    expect(deriveStage('sending', [])).toBe('sending');
    expect(deriveStage('at-gateway', [status('received', '2026-11-20T08:00:00Z')])).toBe('at-gateway');
  });

  it('should show the province latest answer once there is one', () => {
    const statuses = [status('forwarded', '2026-11-20T08:01:00Z'), status('accepted', '2026-11-20T09:00:00Z'), status('supplement_required', '2026-11-21T09:00:00Z')];
    expect(deriveStage('at-gateway', statuses)).toBe('supplement_required');
    expect(STAGE_LABELS[deriveStage('at-gateway', statuses)]).toBe('需补件');
  });

  it('should go back to accepted after a supplement was taken in', () => {
    const statuses = [status('accepted', '2026-11-20T09:00:00Z'), status('supplement_required', '2026-11-21T09:00:00Z'), status('accepted', '2026-11-22T09:00:00Z')];
    expect(deriveStage('at-gateway', statuses)).toBe('accepted');
  });

  it('should keep a draft or a refused version as the phone sees it', () => {
    const statuses = [status('accepted', '2026-11-20T09:00:00Z')];
    expect(deriveStage('draft', statuses)).toBe('draft');
    expect(deriveStage('refused', statuses)).toBe('refused');
  });

  it('should fall back to pending for a state it does not know', () => {
    expect(deriveStage('something-new', [])).toBe('pending');
  });

  it('should name every stage the issue lists', () => {
    expect(Object.values(STAGE_LABELS)).toEqual(expect.arrayContaining(['草稿', '待发送', '发送中', '已送达', '等待受理', '已受理', '需补件', '已办结', '不予受理']));
  });
});

describe('orderStatuses', () => {
  it('should order by the server time, not by arrival', () => {
    const late = status('completed', '2026-11-25T10:00:00Z');
    const early = status('accepted', '2026-11-20T10:00:00Z');
    expect(orderStatuses([late, early]).map((s) => s.state)).toEqual(['accepted', 'completed']);
  });

  it('should break ties of the same instant by the life order of states', () => {
    const at = '2026-11-20T10:00:00Z';
    expect(orderStatuses([status('accepted', at), status('forwarded', at), status('received', at)]).map((s) => s.state)).toEqual(['received', 'forwarded', 'accepted']);
  });

  it('should compare instants, not strings, across time-zone spellings', () => {
    // 10:00 in Beijing is 02:00 UTC: earlier, although its string sorts later.
    const a = status('accepted', '2026-11-20T03:00:00Z');
    const b = status('forwarded', '2026-11-20T10:00:00+08:00');
    expect(latestStatus([a, b])?.state).toBe('accepted');
  });
});

describe('needsAction', () => {
  it('should flag what the person must act on', () => {
    expect(needsAction('supplement_required')).toBe(true);
    expect(needsAction('draft')).toBe(true);
    expect(needsAction('accepted')).toBe(false);
  });
});
