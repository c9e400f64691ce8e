/** The app's screens. Hash routes: they survive an offline reload without any server. */
export type Route =
  | { name: 'sign-in'; next?: string }
  | { name: 'guides' }
  | { name: 'guide'; id: string }
  | { name: 'apply'; guideId: string }
  | { name: 'applications' }
  | { name: 'edit-application'; id: string }
  | { name: 'receipt'; id: string }
  | { name: 'application'; id: string }
  | { name: 'areas' }
  /** `show: 'clean-up'` opens the locker at 清理已送达的照片 (from a low-storage warning). */
  | { name: 'locker'; show?: 'clean-up' };

/** Parses `location.hash`; anything unknown is the guides list. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'sign-in') {
    const next = new URLSearchParams(query).get('next');
    return next ? { name: 'sign-in', next } : { name: 'sign-in' };
  }
  if (parts[0] === 'applications' && parts[1] && parts[2] === 'edit') return { name: 'edit-application', id: parts[1] };
  if (parts[0] === 'applications' && parts[1] && parts[2] === 'receipt') return { name: 'receipt', id: parts[1] };
  if (parts[0] === 'applications' && parts[1] && !parts[2]) return { name: 'application', id: parts[1] };
  if (parts[0] === 'applications') return { name: 'applications' };
  if (parts[0] === 'areas') return { name: 'areas' };
  if (parts[0] === 'locker') return parts[1] === 'clean-up' ? { name: 'locker', show: 'clean-up' } : { name: 'locker' };
  if (parts[0] === 'guides' && parts[1] && parts[2] === 'apply') return { name: 'apply', guideId: parts[1] };
  if (parts[0] === 'guides' && parts[1]) return { name: 'guide', id: parts[1] };
  return { name: 'guides' };
}

/** The hash of a route, for links. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'sign-in':
      return route.next ? `#/sign-in?next=${encodeURIComponent(route.next)}` : '#/sign-in';
    case 'guide':
      return `#/guides/${encodeURIComponent(route.id)}`;
    case 'apply':
      return `#/guides/${encodeURIComponent(route.guideId)}/apply`;
    case 'applications':
      return '#/applications';
    case 'edit-application':
      return `#/applications/${encodeURIComponent(route.id)}/edit`;
    case 'receipt':
      return `#/applications/${encodeURIComponent(route.id)}/receipt`;
    case 'application':
      return `#/applications/${encodeURIComponent(route.id)}`;
    case 'areas':
      return '#/areas';
    case 'locker':
      return route.show ? `#/locker/${route.show}` : '#/locker';
    default:
      return '#/guides';
  }
}

/** Routes that need a signed-in person. */
export function needsSession(route: Route): boolean {
  return route.name === 'apply' || route.name === 'applications' || route.name === 'edit-application' || route.name === 'receipt' || route.name === 'application' || route.name === 'locker';
}
