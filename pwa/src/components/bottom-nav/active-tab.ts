import type { Route } from '../../lib/routes.js';

export type Tab = 'guides' | 'households' | 'applications' | 'locker';

/**
 * The one tab that says where the person is: 办事指南 for guides, areas and
 * a new application's form; 农户 for an agent's households; 材料柜 for the locker; 我的申请 for the list and
 * one application's progress, receipt or draft. None while signing in.
 */
export function activeTab(route: Route): Tab | null {
  switch (route.name) {
    case 'guides':
    case 'guide':
    case 'apply':
    case 'apply-for':
    case 'areas':
      return 'guides';
    case 'locker':
      return 'locker';
    case 'households':
    case 'new-household':
    case 'edit-household':
    case 'household':
      return 'households';
    case 'sign-in':
      return null;
    default:
      return 'applications';
  }
}
