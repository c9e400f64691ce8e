import { useApp } from '../../lib/app-context.js';
import { hrefOf, type Route } from '../../lib/routes.js';
import { activeTab, type Tab } from './active-tab.js';
import styles from './bottom-nav.module.css';

const TABS: { tab: Tab; route: Route; label: string; agentLabel?: string; agentsOnly?: boolean }[] = [
  { tab: 'guides', route: { name: 'guides' }, label: '办事指南', agentLabel: '指南' },
  { tab: 'households', route: { name: 'households' }, label: '农户', agentsOnly: true },
  { tab: 'applications', route: { name: 'applications' }, label: '我的申请', agentLabel: '代办件' },
  { tab: 'locker', route: { name: 'locker' }, label: '材料柜' },
];

/**
 * Big tabs: what can be done, what I have filed, and the photos kept for it;
 * a village agent has a fourth, the households (农户) filed for, with shorter
 * words so four fit on a narrow phone.
 */
export function BottomNav({ route }: { route: Route }) {
  const { state } = useApp();
  const agent = state.session.value?.user.role === 'agent';
  const current = activeTab(route);
  return (
    <nav class={styles.nav} aria-label="主菜单">
      {TABS.filter((t) => agent || !t.agentsOnly).map(({ tab, route: to, label, agentLabel }) => (
        <a key={tab} class={current === tab ? styles.active : ''} href={hrefOf(to)} aria-current={current === tab ? 'page' : undefined} data-testid={`nav-${tab}`}>
          {agent && agentLabel ? agentLabel : label}
        </a>
      ))}
    </nav>
  );
}
