import { exec, type RoutePropsForPath } from 'preact-iso/router';

/**
 * The app's screens, one line each: the hash path (preact-iso's patterns:
 * `:id`, `:show?`) and whether it shows or writes personal data. The
 * component of each is imported in pages/index.tsx. Hash routes: they
 * survive an offline reload without any server.
 */
export const ROUTES = {
  'sign-in': { path: '/sign-in', private: false },
  guides: { path: '/guides', private: false },
  guide: { path: '/guides/:id', private: false },
  /** Anyone files for themselves; a village agent is asked here which household and member they file for. */
  apply: { path: '/guides/:guideId/apply', private: true },
  /** A village agent files for a member of one of their households. */
  'apply-for': { path: '/guides/:guideId/apply-for/:householdId/:memberId', private: true },
  applications: { path: '/applications', private: true },
  'edit-application': { path: '/applications/:id/edit', private: true },
  receipt: { path: '/applications/:id/receipt', private: true },
  application: { path: '/applications/:id', private: true },
  areas: { path: '/areas', private: false },
  /** A village agent's households (农户), by village, with 待回访 first. */
  households: { path: '/households', private: true },
  'new-household': { path: '/households/new', private: true },
  'edit-household': { path: '/households/:id/edit', private: true },
  household: { path: '/households/:id', private: true },
  /** `show: 'clean-up'` opens the locker at 清理已送达的照片 (from a low-storage warning). */
  locker: { path: '/locker/:show?', private: true },
} as const satisfies Record<string, { path: string; private: boolean }>;

type RouteName = keyof typeof ROUTES;

/** The query parameter a route keeps: where sign-in goes back to afterwards. */
interface RouteQuery {
  'sign-in': { next?: string };
}

/** A screen with its parameters, derived from its path in {@link ROUTES}. */
export type Route = {
  [N in RouteName]: { name: N } & RoutePropsForPath<(typeof ROUTES)[N]['path']>['params'] & (N extends keyof RouteQuery ? RouteQuery[N] : unknown);
}[RouteName];

const NAMES = Object.keys(ROUTES) as RouteName[];

/** Parses `location.hash`; anything unknown is the guides list. */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  for (const name of NAMES) {
    const match = exec(path, ROUTES[name].path);
    if (!match) continue;
    const route: Record<string, string> = { name };
    for (const [key, value] of Object.entries(match.params)) if (value) route[key] = value;
    if (name === 'sign-in') {
      const next = new URLSearchParams(query).get('next');
      if (next) route.next = next;
    }
    // Built from the route's own pattern and name: the shape the Route type derives from the same table.
    return route as Route;
  }
  return { name: 'guides' };
}

/** The hash of a route, for links. */
export function hrefOf(route: Route): string {
  const params = route as Record<string, string | undefined>;
  const path = ROUTES[route.name].path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment;
      const value = params[segment.replace(/^:|\?$/g, '')];
      return value === undefined ? '' : encodeURIComponent(value);
    })
    .filter((segment, i) => i === 0 || segment !== '')
    .join('/');
  return route.name === 'sign-in' && route.next ? `#${path}?next=${encodeURIComponent(route.next)}` : `#${path}`;
}

/** Routes that need a signed-in person. */
export function needsSession(route: Route): boolean {
  return ROUTES[route.name].private;
}
