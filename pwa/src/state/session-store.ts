import type { SessionResponse } from '../../../sync-protocol/index.js';

export type Session = SessionResponse;

/** The localStorage key; other tabs learn of a sign-in or sign-out through its `storage` events. */
export const SESSION_KEY = 'tongban.session';

/**
 * Keeps the session on the device so a reload with no connection opens
 * straight into the app. The token lives in localStorage by design (offline
 * first); it is never logged.
 */
export interface SessionStore {
  load(): Session | null;
  save(session: Session): void;
  clear(): void;
}

export function createSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null): SessionStore {
  return {
    load() {
      try {
        const value = JSON.parse(storage?.getItem(SESSION_KEY) ?? 'null') as Session | null;
        return value && typeof value.token === 'string' && value.user?.id ? value : null;
      } catch {
        return null;
      }
    },
    save: (session) => storage?.setItem(SESSION_KEY, JSON.stringify(session)),
    clear: () => storage?.removeItem(SESSION_KEY),
  };
}
