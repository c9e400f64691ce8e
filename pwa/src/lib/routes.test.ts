import { describe, expect, it } from 'vitest';
import { hrefOf, needsSession, parseRoute, type Route } from './routes.js';

describe('routes', () => {
  it('should round-trip every route through its hash', () => {
    const routes: Route[] = [
      { name: 'guides' },
      { name: 'guide', id: 'guide-0001' },
      { name: 'apply', guideId: 'guide-0001' },
      { name: 'applications' },
      { name: 'edit-application', id: 'app-00ff' },
      { name: 'receipt', id: 'app-00ff' },
      { name: 'application', id: 'app-00ff' },
      { name: 'areas' },
      { name: 'locker' },
      { name: 'locker', show: 'clean-up' },
      { name: 'sign-in' },
      { name: 'sign-in', next: '#/guides/guide-0001/apply' },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('should open the guides list for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ name: 'guides' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'guides' });
  });

  it('should ask for a session only where personal data is shown or written', () => {
    expect(needsSession({ name: 'applications' })).toBe(true);
    expect(needsSession({ name: 'apply', guideId: 'g' })).toBe(true);
    expect(needsSession({ name: 'edit-application', id: 'a' })).toBe(true);
    expect(needsSession({ name: 'receipt', id: 'a' })).toBe(true);
    expect(needsSession({ name: 'application', id: 'a' })).toBe(true);
    expect(needsSession({ name: 'locker' })).toBe(true);
    expect(needsSession({ name: 'guide', id: 'g' })).toBe(false);
  });
});
