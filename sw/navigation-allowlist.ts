/**
 * Paths that are never app pages: the API (replicated data must reach the
 * network or fail, never be answered from a cache) and the health check.
 */
export const NAVIGATION_DENYLIST: RegExp[] = [/^\/v\d+(\/|$)/, /^\/health(\/|$)/];

/** True when a navigation to `pathname` should get the precached app shell. */
export function isAppNavigation(pathname: string): boolean {
  return !NAVIGATION_DENYLIST.some((re) => re.test(pathname));
}
