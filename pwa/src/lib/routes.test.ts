import { describe, expect, it } from 'vitest';
import { hrefOf, needsSession, parseRoute, ROUTES, type Route } from './routes.js';

describe('routes', () => {
  it('should round-trip every route through its hash', () => {
    const routes: Route[] = [
      { name: 'guides' },
      { name: 'guide', id: 'guide-0001' },
      { name: 'apply', guideId: 'guide-0001' },
      { name: 'apply-for', guideId: 'guide-0001', householdId: 'household-01', memberId: 'member-01' },
      { name: 'households' },
      { name: 'new-household' },
      { name: 'household', id: 'household-01' },
      { name: 'edit-household', id: 'household-01' },
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
  it('should keep every address the app has always used', () => {
    expect(parseRoute('#/guides/guide-0001/apply')).toEqual({ name: 'apply', guideId: 'guide-0001' });
    expect(parseRoute('#/guides/guide-0001/apply-for/household-01/member-01')).toEqual({
      name: 'apply-for',
      guideId: 'guide-0001',
      householdId: 'household-01',
      memberId: 'member-01',
    });
    expect(parseRoute('#/households/new')).toEqual({ name: 'new-household' });
    expect(parseRoute('#/households/household-01')).toEqual({ name: 'household', id: 'household-01' });
    expect(parseRoute('#/households/household-01/edit')).toEqual({ name: 'edit-household', id: 'household-01' });
    expect(parseRoute('#/applications/app-00ff/edit')).toEqual({ name: 'edit-application', id: 'app-00ff' });
    expect(parseRoute('#/applications/app-00ff/receipt')).toEqual({ name: 'receipt', id: 'app-00ff' });
    expect(parseRoute('#/locker/clean-up')).toEqual({ name: 'locker', show: 'clean-up' });
    expect(parseRoute('#/sign-in?next=%23%2Fapplications')).toEqual({ name: 'sign-in', next: '#/applications' });
    expect(hrefOf({ name: 'locker' })).toBe('#/locker');
    expect(hrefOf({ name: 'application', id: 'app-00ff' })).toBe('#/applications/app-00ff');
  });

  it('should carry an id with slashes or Chinese through its hash unchanged', () => {
    const route: Route = { name: 'guide', id: '指南/2026 #1' };
    expect(hrefOf(route)).not.toContain('指南');
    expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('should ask for a session exactly where the route table says so', () => {
    for (const [name, { private: needs }] of Object.entries(ROUTES)) {
      const route = parseRoute(hrefOf({ name, id: 'x', guideId: 'x', householdId: 'x', memberId: 'x' } as never));
      expect(route.name).toBe(name);
      expect(needsSession(route)).toBe(needs);
    }
  });
});
