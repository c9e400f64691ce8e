import type { Session, SessionStore, Store } from './store.js';

/**
 * How long a session read from the store answers again without asking it.
 * Nothing in the gateway removes a session document (expiry is checked
 * against the clock, revocation goes through the account), so a longer time
 * costs only memory, bounded below. With 10 s a device whose stream opened a
 * while ago read its session again on every push: 0.85 of 8.36 store round
 * trips per push in `bench:storm` (issue 11).
 */
export const SESSION_CACHE_MS = 5 * 60_000; // 5 minutes
/** Sessions held at most; the oldest read goes first. */
export const SESSION_CACHE_ENTRIES = 20_000;

/**
 * Sessions as the store holds them, remembered for `ttlMs`: a session is
 * never changed once written, so a device's pushes, pulls and stream
 * reconnects do not read it again and again. Revocation does not wait for
 * the cache: disabling an account or resetting its password changes the
 * account, which `authenticate` reads on every request. Only a session
 * removed from the store outright would still be honoured, for at most
 * `ttlMs`. Expiry is checked by `authenticate` against the clock each time.
 */
export class CachedSessionStore implements SessionStore {
  private readonly held = new Map<string, { session: Session; until: number }>();

  constructor(
    private readonly inner: SessionStore,
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = SESSION_CACHE_MS,
    private readonly maxEntries: number = SESSION_CACHE_ENTRIES,
  ) {}

  create(session: Session): Promise<void> {
    return this.inner.create(session);
  }

  async findByTokenHash(tokenHash: string): Promise<Session | null> {
    const cached = this.held.get(tokenHash);
    if (cached && cached.until > this.now()) return cached.session;
    this.held.delete(tokenHash);
    const session = await this.inner.findByTokenHash(tokenHash);
    // Unknown tokens are not remembered: a guessed token costs the guesser a read each time, never memory.
    if (session) {
      if (this.held.size >= this.maxEntries) this.held.delete(this.held.keys().next().value!);
      this.held.set(tokenHash, { session, until: this.now() + this.ttlMs });
    }
    return session;
  }
}

/** The store with its sessions cached; everything else as it is. */
export function withCachedSessions(store: Store, now?: () => number): Store {
  return { ...store, sessions: new CachedSessionStore(store.sessions, now) };
}
