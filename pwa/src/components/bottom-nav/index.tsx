import { hrefOf, type Route } from '../../lib/routes.js';
import { activeTab } from './active-tab.js';
import styles from './bottom-nav.module.css';

/** Three big tabs: what can be done, what I have filed, and the photos kept for it. */
export function BottomNav({ route }: { route: Route }) {
  const tab = activeTab(route);
  const [onGuides, onApplications, onLocker] = [tab === 'guides', tab === 'applications', tab === 'locker'];
  return (
    <nav class={styles.nav} aria-label="主菜单">
      <a class={onGuides ? styles.active : ''} href={hrefOf({ name: 'guides' })} aria-current={onGuides ? 'page' : undefined} data-testid="nav-guides">
        办事指南
      </a>
      <a class={onApplications ? styles.active : ''} href={hrefOf({ name: 'applications' })} aria-current={onApplications ? 'page' : undefined} data-testid="nav-applications">
        我的申请
      </a>
      <a class={onLocker ? styles.active : ''} href={hrefOf({ name: 'locker' })} aria-current={onLocker ? 'page' : undefined} data-testid="nav-locker">
        材料柜
      </a>
    </nav>
  );
}
