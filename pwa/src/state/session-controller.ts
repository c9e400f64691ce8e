import { effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Observable } from 'rxjs';
import { createDataApi, type DataApi } from '../db/data-api.js';
import { assignLockerToHouseholds } from '../db/locker-households.js';
import type { UserDatabase } from '../db/create-database.js';
import type { Databases } from '../db/databases.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { startReplication, type ReplicationHandle, type StartReplicationOptions } from '../sync/start-replication.js';
import type { TransferHandle } from '../transfer/start-transfer.js';
import { EMPTY_TRANSFER } from '../../../device-core/transfer/transfer-snapshot.js';
import type { AppState } from './app-state.js';
import type { Session } from './session-store.js';

export interface ConnectSessionOptions {
  databases: Databases;
  client: GatewayClient;
  state: AppState;
  /** Browser `online` events, to reconnect the live streams at once. */
  wakeUp$?: Observable<unknown>;
  /** Replication settings; tests pass `{ live: false, waitForLeadership: false }`. */
  replication?: Pick<StartReplicationOptions, 'live' | 'retryTime' | 'waitForLeadership' | 'backoff'>;
  /**
   * Starts sending the signed-in person's materials once their replication
   * runs, with the token of THAT session (never a later one). Stopped before
   * the person changes. Absent in tests that do not send materials.
   */
  startTransfer?: (user: SignedInUser, replication: ReplicationHandle) => TransferHandle;
}

/** The person a transfer sends for: their id, database and the token of their session. */
export interface SignedInUser {
  id: string;
  db: UserDatabase;
  token: string;
}

export interface SessionConnection {
  /** The data interface of whoever is signed in now; a new one after every change of person. */
  readonly data: ReadonlySignal<DataApi>;
  /** Resolves once the latest session is applied, with the replication it started. */
  settled(): Promise<ReplicationHandle | null>;
  /** The running material transfer of the signed-in person, if any. */
  transfer(): TransferHandle | null;
  reSync(): void;
  /** Stops replication and closes the user's database. */
  dispose(): Promise<void>;
}

/**
 * Keeps databases, data and replication in step with the session: the
 * shared database and guides always; the signed-in person's own database and
 * private collections only while they are signed in. Another person's data
 * is never open at the same time.
 */
export function connectSession(options: ConnectSessionOptions): SessionConnection {
  const switcher = new SessionSwitcher(options);
  let chain = Promise.resolve();
  let lastToken: string | null | undefined;

  // The chosen areas change without a change of person: the running replication follows them.
  const stopFollowingAreas = effect(() => {
    const feeds = options.state.areaFeeds.value;
    chain = chain.then(() => switcher.replication?.setAreas(feeds)).catch((error: unknown) => console.error('changing areas failed', error));
  });

  const stopWatching = effect(() => {
    const session = options.state.session.value;
    const token = session?.token ?? null;
    if (token === lastToken) return;
    lastToken = token;
    switcher.hideOtherPerson(session);
    // One switch at a time; each applies the LATEST session, so a quick
    // sign-out/sign-in never shows or replicates a stale person.
    chain = chain.then(() => switcher.applyLatest()).catch((error: unknown) => console.error('switching the session failed', error));
  });

  return {
    data: switcher.data,
    async settled() {
      await chain;
      return switcher.replication;
    },
    transfer: () => switcher.transfer,
    /** Pulls public data again (online again, page visible again, every 30 minutes). */
    reSync() {
      switcher.replication?.reSync();
    },
    async dispose() {
      stopFollowingAreas();
      stopWatching();
      await chain;
      await switcher.stop();
    },
  };
}

/** The state of one phone's session: which person's database is shown and replicated. */
class SessionSwitcher {
  readonly data: Signal<DataApi>;
  replication: ReplicationHandle | null = null;
  transfer: TransferHandle | null = null;
  private appliedToken: string | null | undefined;
  private shownUserId: string | null = null;

  constructor(private readonly options: ConnectSessionOptions) {
    this.data = signal<DataApi>(createDataApi({ device: options.databases.device, user: null }));
  }

  /** Takes the previous person's data off the screen at once, before any database work. */
  hideOtherPerson(session: Session | null): void {
    if ((session?.user.id ?? null) === this.shownUserId) return;
    this.shownUserId = null;
    this.data.value = createDataApi({ device: this.options.databases.device, user: null });
  }

  async applyLatest(): Promise<void> {
    const { databases, state } = this.options;
    const session = state.session.peek();
    const token = session?.token ?? null;
    if (token === this.appliedToken) return;
    this.appliedToken = token;

    await this.stopTransfer();
    await this.replication?.stop();
    this.replication = null;
    const user = session ? await this.openUser(session.user.id) : null;
    if (!session) await databases.closeUser();
    if (user && session?.user.role === 'agent') {
      // Photos an agent kept before households existed go to the household whose applications use them.
      await assignLockerToHouseholds(user.db).catch((error: unknown) => console.error('assigning locker items to households failed', error));
    }
    if (user && session && user.id !== this.shownUserId && state.session.peek()?.user.id === user.id) {
      this.shownUserId = user.id;
      this.data.value = createDataApi({ device: databases.device, user: user.db }, { person: session.user });
    }
    this.replication = startReplication({
      ...this.options.replication,
      device: databases.device,
      client: this.options.client,
      user: user && session ? { ...user, role: session.user.role } : null,
      status: state.replication,
      areas: state.areaFeeds.peek(),
      wakeUp$: this.options.wakeUp$,
    });
    if (user && session && this.options.startTransfer && state.session.peek()?.token === session.token) {
      this.transfer = this.options.startTransfer({ id: user.id, db: user.db, token: session.token }, this.replication);
    }
  }

  async stop(): Promise<void> {
    await this.stopTransfer();
    await this.replication?.stop();
    this.replication = null;
    await this.options.databases.closeUser();
  }

  /** Stops sending the previous person's materials and clears their progress from the screen. */
  private async stopTransfer(): Promise<void> {
    const transfer = this.transfer;
    this.transfer = null;
    await transfer?.stop().catch((error: unknown) => console.error('stopping material transfer failed', error));
    this.options.state.transfer.value = EMPTY_TRANSFER;
  }

  /** The person's database, or null if it cannot be opened (guides still work). */
  private async openUser(userId: string) {
    try {
      return { id: userId, db: await this.options.databases.openUser(userId) };
    } catch (error) {
      console.error('opening the user database failed', error);
      return null;
    }
  }
}
