import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { deriveSyncState, isUnsent, SYNC_STATE_LABELS } from './sync-state.js';

const AT = '2026-11-25T08:00:00.000Z';
const withPhoto: Pick<ApplicationDoc, 'materials'> = {
  materials: [{ key: 'id-card', name: '身份证', pages: [{ sha256: 'a'.repeat(64), bytes: 1000, contentType: 'image/jpeg' }] }],
};

describe('deriveSyncState', () => {
  it('should call an unsubmitted application a draft', () => {
    expect(deriveSyncState({ lifecycle: 'draft' })).toBe('draft');
  });

  it('should call a submitted application without a server stamp pending', () => {
    expect(deriveSyncState({ lifecycle: 'submitted' })).toBe('pending');
    expect(deriveSyncState({ lifecycle: 'submitted', server: {} })).toBe('pending');
    expect(deriveSyncState({ lifecycle: 'submitted', server: {}, ...withPhoto })).toBe('pending');
  });

  it('should call an application whose form reached the gateway but whose photos have not all arrived sending', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT }, ...withPhoto })).toBe('sending');
  });

  it('should call an application at-gateway only once the gateway stamped it complete', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT, completeAt: AT }, ...withPhoto })).toBe('at-gateway');
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT, completeAt: AT } })).toBe('at-gateway');
  });

  it('should call an application without materials at-gateway once received (stored before completeAt existed)', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT } })).toBe('at-gateway');
  });

  it('should count a signature of a commitment as a material', () => {
    const signature = { sha256: 'b'.repeat(64), bytes: 300, contentType: 'image/png' as const };
    const commitment = { waivedKeys: ['lease'], text: '承诺', signature, signedAt: AT };
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT }, commitment })).toBe('sending');
  });

  it('should put a refusal before everything else', () => {
    expect(deriveSyncState({ lifecycle: 'submitted', server: { receivedAt: AT } }, true)).toBe('refused');
  });

  it('should count pending and sending as not yet sent', () => {
    expect((['draft', 'pending', 'sending', 'at-gateway', 'refused'] as const).filter(isUnsent)).toEqual(['pending', 'sending']);
  });

  it('should label the states in plain Chinese', () => {
    expect(SYNC_STATE_LABELS).toEqual({ draft: '草稿', pending: '待发送', sending: '发送中', 'at-gateway': '已送达', refused: '需修改' });
  });
});
