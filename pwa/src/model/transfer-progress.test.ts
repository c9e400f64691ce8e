import { describe, expect, it } from 'vitest';
import type { ApplicationDoc } from '../../../sync-protocol/index.js';
import { EMPTY_TRANSFER, withItem, type TransferSnapshot } from '../../../device-core/transfer/transfer-snapshot.js';
import { applicationProgress, describeOverall, describeSending, overallProgress } from './transfer-progress.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const page = (sha256: string, bytes: number) => ({ sha256, bytes, contentType: 'image/jpeg' as const });

const app1: Pick<ApplicationDoc, 'materials' | 'commitment'> = {
  materials: [
    { key: 'id-card', name: '身份证', pages: [page(A, 1000), page(B, 3000)] },
    { key: 'copy', name: '复印件', pages: [page(A, 1000)] },
  ],
};
const app2: Pick<ApplicationDoc, 'materials' | 'commitment'> = {
  materials: [{ key: 'id-card', name: '身份证', pages: [page(A, 1000)] }],
  commitment: { waivedKeys: ['lease'], text: '承诺', signature: { sha256: C, bytes: 1000, contentType: 'image/png' }, signedAt: '2026-11-25T08:00:00.000Z' },
};

function snapshot(...changes: [string, Parameters<typeof withItem>[2]][]): TransferSnapshot {
  return changes.reduce((s, [sha256, change]) => withItem(s, sha256, change), EMPTY_TRANSFER);
}

describe('applicationProgress', () => {
  it('should count each photo once and weigh the percentage by bytes', () => {
    const progress = applicationProgress(app1, snapshot([A, { state: 'sent', sent: 1000, total: 1000 }], [B, { state: 'sending', sent: 1500, total: 3000 }]));
    expect(progress).toEqual({ photos: 2, photosSent: 1, bytes: 4000, bytesSent: 2500, percent: 62 });
    expect(describeSending(progress)).toBe('发送中 · 1/2 张 · 62%');
  });

  it('should count photos the transfer has not seen yet as not sent', () => {
    expect(applicationProgress(app1, EMPTY_TRANSFER)).toMatchObject({ photosSent: 0, bytesSent: 0, percent: 0 });
  });

  it('should say 100% only once every photo is sent, never from rounding', () => {
    const almost = applicationProgress(app1, snapshot([A, { state: 'sent' }], [B, { state: 'sending', sent: 2999 }]));
    expect(almost.percent).toBe(99);
    expect(applicationProgress(app1, snapshot([A, { state: 'sent' }], [B, { state: 'sent' }])).percent).toBe(100);
  });

  it('should count the commitment signature as a photo', () => {
    expect(applicationProgress(app2, EMPTY_TRANSFER)).toMatchObject({ photos: 2, bytes: 2000 });
  });
});

describe('overallProgress', () => {
  it('should sum the applications still sending, a photo shared by two applications once', () => {
    const progress = overallProgress([app1, app2], snapshot([A, { state: 'sent' }], [C, { state: 'sending', sent: 500 }]));
    expect(progress).toEqual({ applications: 2, photos: 3, photosSent: 1, bytes: 5000, bytesSent: 1500, percent: 30 });
    expect(describeOverall(progress)).toBe('正在发送 2 份申请的 3 张照片，已完成 30%');
  });
});
