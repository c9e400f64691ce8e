import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../lib/routes.js';
import { createPageLoader, type PageLoadFailure } from './page-loader.js';
import page from './page.module.css';

export interface PageProps<R extends Route = Route> {
  route: R;
}

/** The one lazy-loading boundary: each page is its own chunk (all precached by the service worker). */
const PAGES = createPageLoader<Route['name']>({
  imports: {
    'sign-in': () => import('./sign-in/index.js'),
    guides: () => import('./guides/index.js'),
    guide: () => import('./guide-detail/index.js'),
    apply: () => import('./new-application/index.js'),
    'apply-for': () => import('./new-application/index.js'),
    applications: () => import('./applications/index.js'),
    'edit-application': () => import('./new-application/index.js'),
    receipt: () => import('./receipt/index.js'),
    application: () => import('./application-detail/index.js'),
    areas: () => import('./areas/index.js'),
    locker: () => import('./locker/index.js'),
    households: () => import('./households/index.js'),
    'new-household': () => import('./household-form/index.js'),
    'edit-household': () => import('./household-form/index.js'),
    household: () => import('./household/index.js'),
  },
});

export function PageOutlet({ route }: { route: Route }) {
  /** Why the page is not shown, once its code failed or took too long; null while it is coming. */
  const [failed, setFailed] = useState<PageLoadFailure['kind'] | null>(null);
  const [, setTick] = useState(0);
  /** Bumped to try loading the page again: the browser fetches a failed page's code anew. */
  const [attempt, setAttempt] = useState(0);
  const Page = PAGES.loaded(route.name);
  useEffect(() => {
    setFailed(null);
    const cancel = PAGES.open(route.name, {
      onReady: () => {
        setFailed(null);
        setTick((t) => t + 1);
      },
      onFailed: (failure) => {
        if (failure.kind === 'stalled') console.error(`page ${route.name} still not loaded after ${failure.afterMs} ms`);
        else console.error(`page ${route.name} did not load`, failure.error);
        setFailed(failure.kind);
      },
    });
    /**
     * Loads every page once the first one is shown. The service worker
     * precaches them, but before it is installed (first visit) a page not yet
     * loaded could not open after the connection drops.
     */
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1000));
    idle(() => PAGES.warmUp());
    return cancel;
  }, [route.name, attempt]);
  // The network came back: try again by itself.
  useEffect(() => {
    if (!failed) return;
    const retry = () => setAttempt((a) => a + 1);
    globalThis.addEventListener('online', retry);
    return () => globalThis.removeEventListener('online', retry);
  }, [failed]);
  if (Page) return <Page route={route} />;
  if (!failed) {
    return (
      <p aria-busy="true" style={{ padding: '24px 16px' }}>
        正在打开…
      </p>
    );
  }
  return (
    <div class={page.page} role="alert" data-testid="page-load-failed">
      <p class={page.lead}>{failureText(failed)}</p>
      <button type="button" class={page.primary} onClick={() => setAttempt((a) => a + 1)}>
        重新打开
      </button>
    </div>
  );
}

function failureText(kind: PageLoadFailure['kind']): string {
  // A page that takes too long is not missing: it may still come, and the button asks for it again.
  if (kind === 'stalled') return '这个页面打开得太慢，还在等。可以点下面的按钮再试一次，也可以稍等一下。';
  return navigator.onLine ? '这个页面没有打开，可能是网络断了一下。请点下面的按钮再试一次。' : '这个页面还没有存到手机上。连上网络后会自动再打开，也可以点下面的按钮再试。';
}
