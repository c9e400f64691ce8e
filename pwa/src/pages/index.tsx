import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../lib/routes.js';

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
};

const loaded = new Map<Route['name'], ComponentType<PageProps<any>>>();

export function PageOutlet({ route }: { route: Route }) {
  const [, setTick] = useState(0);
  const Page = loaded.get(route.name);
  useEffect(() => {
    if (loaded.has(route.name)) return;
    let live = true;
    void LOADERS[route.name]().then(({ Page }) => {
      loaded.set(route.name, Page);
      if (live) setTick((t) => t + 1);
    });
    return () => {
      live = false;
    };
  }, [route.name]);
  return Page ? <Page route={route} /> : <p aria-busy="true" style={{ padding: '24px 16px' }}>正在打开…</p>;
}
