import { hrefOf, type Route } from '../../lib/routes.js';
import styles from './bottom-nav.module.css';

/** Two big tabs: what can be done, and what I have filed. */
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
    </nav>
  );
}
