import { describe, expect, it } from 'vitest';
import { activeTab } from './active-tab.js';

describe('activeTab', () => {
  it('should light exactly one tab, or none while signing in', () => {
    expect(activeTab({ name: 'guides' } as never)).toBe('guides');
    expect(activeTab({ name: 'apply', guideId: 'g' } as never)).toBe('guides');
    expect(activeTab({ name: 'locker' } as never)).toBe('locker');
    expect(activeTab({ name: 'applications' } as never)).toBe('applications');
    expect(activeTab({ name: 'receipt', id: 'a' } as never)).toBe('applications');
    expect(activeTab({ name: 'edit-application', id: 'a' } as never)).toBe('applications');
    expect(activeTab({ name: 'sign-in' } as never)).toBeNull();
  });
});
