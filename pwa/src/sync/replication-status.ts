import { signal, type Signal } from '@preact/signals';

/** What the UI shows about replication; plain signals, usable in Node too. */
export interface ReplicationStatus {
  /** The gateway answered the last request (false: offline or unreachable). */
  online: Signal<boolean>;
  /** Some collection is pulling or pushing right now. */
  syncing: Signal<boolean>;
  /** The last failure, in words for the person holding the phone; null once things work. */
  lastError: Signal<string | null>;
  /** The gateway speaks another protocol version: replication stopped, the app must update. */
  needsUpdate: Signal<boolean>;
  /** The session is gone: private collections stopped, sign in again (local data stays). */
  needsSignIn: Signal<boolean>;
}

export function createReplicationStatus(): ReplicationStatus {
  return {
    online: signal(false),
    syncing: signal(false),
    lastError: signal(null),
    needsUpdate: signal(false),
    needsSignIn: signal(false),
  };
}
