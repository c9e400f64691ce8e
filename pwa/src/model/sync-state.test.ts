import { describe, expect, it } from 'vitest';
import { deriveSyncState, SYNC_STATE_LABELS } from './sync-state.js';

describe('deriveSyncState', () => {
  it('should call an unsubmitted application a draft', () => {
    expect(deriveSyncState({ lifecycle: 'draft' })).toBe('draft');
  });

  it('should call a submitted application without a server stamp pending', () => {
    expect(deriveSyncState({ lifecycle: 'submitted' })).toBe('pending');
    expect(deriveSyncState({ lifecycle: 'submitted', server: {} })).toBe('pending');
  });

  it('should call an application stamped by the gateway at-gateway', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: '2026-11-25T08:00:00.000Z' } })).toBe('at-gateway');
  });

  it('should put a refusal before everything else', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: '2026-11-25T08:00:00.000Z' } }, true)).toBe('refused');
  });

  it('should label the states in plain Chinese', () => {
    expect(SYNC_STATE_LABELS).toEqual({ draft: '草稿', pending: '待发送', 'at-gateway': '已到网关', refused: '需修改' });
  });
});
