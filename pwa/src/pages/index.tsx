/* eslint-disable @typescript-eslint/no-explicit-any -- each page takes its own route type; the table holds them all and hands each its own route. */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../lib/routes.js';
import page from './page.module.css';

export interface PageProps<R extends Route = Route> {
  route: R;
}

type Loader = () => Promise<{ Page: ComponentType<PageProps<any>> }>;

/** The one lazy-loading boundary: each page is its own chunk (all precached by the service worker). */
const LOADERS: Record<Route['name'], Loader> = {
  'sign-in': () => import('./sign-in/index.js'),
  guides: () => import('./guides/index.js'),
  guide: () => import('./guide-detail/index.js'),
  apply: () => import('./new-application/index.js'),
  applications: () => import('./applications/index.js'),
  'edit-application': () => import('./new-application/index.js'),
  receipt: () => import('./receipt/index.js'),
  application: () => import('./application-detail/index.js'),
  areas: () => import('./areas/index.js'),
  locker: () => import('./locker/index.js'),
};

const loaded = new Map<Route['name'], ComponentType<PageProps<any>>>();

function load(name: Route['name']): Promise<ComponentType<PageProps<any>>> {
  return LOADERS[name]().then(({ Page }) => {
    loaded.set(name, Page);
    return Page;
  });
}

/**
 * Loads every page once the first one is shown. The service worker precaches
 * them, but before it is installed (first visit) a page not yet loaded could
 * not open after the connection drops.
 */
function warmUp(): void {
  for (const name of Object.keys(LOADERS) as Route['name'][]) if (!loaded.has(name)) void load(name).catch(() => undefined);
}

export function PageOutlet({ route }: { route: Route }) {
  const [failed, setFailed] = useState(false);
  const [, setTick] = useState(0);
  /** Bumped to try loading the page again: the browser fetches a failed page's code anew. */
  const [attempt, setAttempt] = useState(0);
  const Page = loaded.get(route.name);
  useEffect(() => {
    let live = true;
    setFailed(false);
    if (!loaded.has(route.name)) {
      load(route.name).then(
        () => live && setTick((t) => t + 1),
        (error: unknown) => {
          console.error(`page ${route.name} did not load`, error);
          if (live) setFailed(true);
        },
      );
    }
    const idle = globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1000));
    idle(warmUp);
    return () => {
      live = false;
    };
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
      <p class={page.lead}>{navigator.onLine ? '这个页面没有打开，可能是网络断了一下。请点下面的按钮再试一次。' : '这个页面还没有存到手机上。连上网络后会自动再打开，也可以点下面的按钮再试。'}</p>
      <button type="button" class={page.primary} onClick={() => setAttempt((a) => a + 1)}>
        重新打开
      </button>
    </div>
  );
}
