import { describe, expect, it } from 'vitest';
import { effectOfFailure, feedKey, planAreaChange } from './replication-decisions.js';

describe('effectOfFailure', () => {
  it('should stop every feed when the app is too old, without calling the device offline', () => {
    expect(effectOfFailure('needs-update')).toEqual({ markOffline: false, stop: 'all', needsUpdate: true, needsSignIn: false });
  });

  it('should stop only the private feeds when the session ended, so guides keep coming', () => {
    expect(effectOfFailure('needs-sign-in')).toEqual({ markOffline: false, stop: 'private', needsUpdate: false, needsSignIn: true });
  });

  it('should show offline and let RxDB retry when the gateway was not reached, failed or refused', () => {
    for (const kind of ['offline', 'server', 'refused'] as const) {
      expect(effectOfFailure(kind)).toEqual({ markOffline: true, stop: 'none', needsUpdate: false, needsSignIn: false });
    }
  });
});

describe('planAreaChange', () => {
  it('should drop the areas no longer chosen and add the new ones, each once', () => {
    expect(planAreaChange(['331123', '331100'], ['331100', '331124', '331124'])).toEqual({ wanted: ['331100', '331124'], dropped: ['331123'], added: ['331124'] });
  });

  it('should change nothing when the same areas come again in another order', () => {
    expect(planAreaChange(['331123', '331100'], ['331100', '331123'])).toEqual({ wanted: ['331100', '331123'], dropped: [], added: [] });
  });
});

describe('feedKey', () => {
  it('should name an area feed by its collection and area', () => {
    expect(feedKey('guides', '331123')).toBe('guides@331123');
    expect(feedKey('applications')).toBe('applications');
  });
});
