import { API_PREFIX } from '../../sync-protocol/index.js';

/** True for paths of the versioned API (`/v1` and below). */
export function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}
