import { hrefOf, type Route } from '../../lib/routes.js';
import styles from './bottom-nav.module.css';

/** Three big tabs: what can be done, what I have filed, and the photos kept for it. */
export function BottomNav({ route }: { route: Route }) {
  const onGuides = route.name === 'guides' || route.name === 'guide' || route.name === 'apply' || route.name === 'areas';
  // One application's progress, receipt or draft is still 我的申请: the tab says where the person is.
  const onApplications = !onGuides && route.name !== 'sign-in';
  return (
    <nav class={styles.nav} aria-label="主菜单">
      <a class={onGuides ? styles.active : ''} href={hrefOf({ name: 'guides' })} aria-current={onGuides ? 'page' : undefined} data-testid="nav-guides">
        办事指南
      </a>
      <a class={onApplications ? styles.active : ''} href={hrefOf({ name: 'applications' })} aria-current={onApplications ? 'page' : undefined} data-testid="nav-applications">
        我的申请
      </a>
      <a class={route.name === 'locker' ? styles.active : ''} href={hrefOf({ name: 'locker' })} aria-current={route.name === 'locker' ? 'page' : undefined} data-testid="nav-locker">
        材料柜
      </a>
    </nav>
  );
}
