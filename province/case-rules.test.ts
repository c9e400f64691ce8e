import { describe, expect, it } from 'vitest';
import { acceptanceNumber, canMove, moveCase, nextScheduledState, receiveSupplement, type Schedule, type SimCase } from './case-rules.js';

const schedule: Schedule = { acceptAfterMs: 1000, decideAfterMs: 2000, supplementRate: 0, rejectRate: 0 };
const now = new Date('2026-11-26T08:00:00.000Z');
const fresh: SimCase = {
  caseId: 'case-000042',
  applicationId: 'app-00000001',
  key: 'app-00000001.submit.abc',
  seq: 42,
  state: 'received',
  application: {
    applicationId: 'app-00000001',
    guideId: 'guide-331123-getihu-sheli',
    guideVersion: 3,
    guideName: '个体工商户设立登记',
    applicant: { name: '王秀英' },
    form: {},
    receivedAt: now.toISOString(),
    materials: [{ key: 'id-card', name: '居民身份证', pages: [{ sha256: 'a'.repeat(64), contentType: 'image/jpeg', bytes: 10 }] }],
  },
  supplements: [],
  receivedAt: now.toISOString(),
};

describe('simulated case rules', () => {
  it('should number an acceptance by province, county of the guide, year and sequence', () => {
    expect(acceptanceNumber(fresh, now)).toBe('浙331123-2026-000042');
  });

  it('should accept, then ask for the first material again with a reason, then complete after the supplement', () => {
    const accepted = moveCase(fresh, {}, now, schedule);
    expect(accepted.event).toMatchObject({ state: 'accepted', acceptanceNumber: '浙331123-2026-000042' });
    const asked = moveCase(accepted.next, { to: 'supplement_required' }, now, schedule);
    expect(asked.event.materials).toEqual([{ key: 'id-card', name: '居民身份证', reason: expect.any(String) }]);
    expect(nextScheduledState(asked.next, schedule)).toBeNull();
    const back = receiveSupplement(asked.next, { supplementId: 'sup-1', materialKeys: ['id-card'] }, now, schedule);
    expect(back.next.state).toBe('accepted');
    expect(nextScheduledState(back.next, { ...schedule, supplementRate: 1 })).toBe('completed');
    expect(moveCase(back.next, {}, now, schedule).event.state).toBe('completed');
  });

  it('should not move a decided case', () => {
    expect(canMove('completed', 'accepted')).toBe(false);
    expect(canMove('rejected', 'completed')).toBe(false);
    expect(() => moveCase({ ...fresh, state: 'completed' }, { to: 'rejected' }, now, schedule)).toThrow();
  });
});
