import { BottomNav } from '../components/bottom-nav/index.js';
import { ConnectionState } from '../components/connection-state/index.js';
import { ElderModeToggle } from '../components/elder-mode-toggle/index.js';
import { SignOutDialog } from '../components/sign-out-dialog/index.js';
import { StationIdleGuard } from '../components/station-idle-guard/index.js';
import { StatusBanners } from '../components/status-banners/index.js';
import { useApp } from '../lib/app-context.js';
import { hrefOf, needsSession, type Route } from '../lib/routes.js';
import { PageOutlet } from '../pages/index.js';
import styles from './app.module.css';

/** The app shell: header with the connection, banners, the page, the tab bar. */
export function App() {
  const { state, actions } = useApp();
  const session = state.session.value;
  const route = effectiveRoute(state.route.value, session !== null);

  return (
    <div class={styles.shell}>
      <header class={styles.header}>
        <a class={styles.title} href={hrefOf({ name: 'guides' })}>
          通办
        </a>
        <ElderModeToggle />
        <ConnectionState />
        {session && (
          <button class={styles.signOut} type="button" data-testid="sign-out-button" aria-label="退出登录" onClick={() => void actions.requestSignOut()}>
            退出
          </button>
        )}
      </header>
      <StatusBanners />
      <main class={styles.main}>
        <PageOutlet route={route} />
      </main>
      {route.name !== 'sign-in' && <BottomNav route={route} />}
      <SignOutDialog />
      <StationIdleGuard />
    </div>
  );
}

/** Private screens without a session become the sign-in screen, coming back afterwards. */
function effectiveRoute(route: Route, signedIn: boolean): Route {
  if (!signedIn && needsSession(route)) return { name: 'sign-in', next: hrefOf(route) };
  if (signedIn && route.name === 'sign-in') return { name: 'guides' };
  return route;
}
