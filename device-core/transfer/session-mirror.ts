import { SESSIONS_STORE, type TransferStore } from './transfer-store.js';

/** The signed-in person, as the service worker needs it to send with the page closed. */
export interface MirroredSession {
  userId: string;
  token: string;
}

/**
 * Mirrors the session into the transfer database: the person's token while
 * signed in, nothing once signed out. Only one person is signed in on a
 * phone, so every other person's entry goes. The token never leaves the
 * device's storage and is never logged.
 */
export async function mirrorSession(store: TransferStore, session: MirroredSession | null): Promise<void> {
  const current = await store.getAll<MirroredSession>(SESSIONS_STORE);
  for (const other of current) if (other.userId !== session?.userId) await store.delete(SESSIONS_STORE, other.userId);
  if (session) await store.put(SESSIONS_STORE, { userId: session.userId, token: session.token });
}

/** The mirrored sessions (none or one). */
export function readMirroredSessions(store: TransferStore): Promise<MirroredSession[]> {
  return store.getAll<MirroredSession>(SESSIONS_STORE);
}
