import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { areaFeeds } from '../model/area-feeds.js';
import type { Route } from '../lib/routes.js';
import type { StationSettings } from '../model/idle-session.js';
import { createReplicationStatus, type ReplicationStatus } from '../sync/replication-status.js';
import { EMPTY_TRANSFER, type TransferSnapshot } from '../../../device-core/transfer/transfer-snapshot.js';
import type { Session } from './session-store.js';

export type ConnectionState = 'online' | 'offline' | 'syncing';

/** All app state, as signals. Functions that change it live in actions.ts. */
export interface AppState {
  session: Signal<Session | null>;
  route: Signal<Route>;
  /** The browser believes it has a network (navigator.onLine and its events). */
  networkOnline: Signal<boolean>;
  replication: ReplicationStatus;
  /** Photos on their way to the gateway, per photo, for the signed-in person. */
  transfer: Signal<TransferSnapshot>;
  /** A new service worker is installed and waiting. */
  updateReady: Signal<boolean>;
  /** Writes in progress; an update reload waits for zero. */
  pendingWrites: Signal<number>;
  /** The sign-out question on screen, with the count of unsent applications it warns about. */
  signOutPrompt: Signal<SignOutPrompt | null>;
  connection: ReadonlySignal<ConnectionState>;
  /** Area codes the person chose (an agent may keep several); remembered on the phone. */
  areas: Signal<string[]>;
  /** The area feeds to replicate: every chosen area and every area above them. */
  areaFeeds: ReadonlySignal<string[]>;
  /** 长辈模式: larger text, higher contrast. */
  elderMode: Signal<boolean>;
  /** Gateway clock minus device clock in ms, learnt from responses; 0 until known. */
  serverClockOffsetMs: Signal<number>;
  /** What the guides list shows: kept while the person opens a guide and comes back. */
  browse: Signal<BrowseState>;
  /** A village agent chose a household (and member) to file for, then went to pick a guide; in memory only. */
  filingFor: Signal<FilingFor | null>;
  /** 便民服务站模式: a shared tablet whose sessions end by themselves; null on a person's own phone. */
  station: Signal<StationSettings | null>;
}

export interface FilingFor {
  householdId: string;
  memberId?: string;
}

export interface BrowseState {
  query: string;
  /** 个人 / 法人, or '' for everyone. */
  audience: '' | '个人' | '法人';
  /** `event:开店创业`, `dept:遂昌县市场监督管理局`, or '' for all. */
  category: string;
}

export interface SignOutPrompt {
  /** Submitted applications not yet at the gateway; null if they could not be counted. */
  unsent: number | null;
}

export interface AppStateInit {
  session: Session | null;
  route: Route;
  networkOnline: boolean;
  areas?: string[];
  elderMode?: boolean;
  serverClockOffsetMs?: number;
  station?: StationSettings | null;
}

export function createAppState(init: AppStateInit): AppState {
  const networkOnline = signal(init.networkOnline);
  const replication = createReplicationStatus();
  // Until the gateway answered, trust the browser's idea of the network.
  replication.online.value = init.networkOnline;
  const areas = signal(init.areas ?? []);
  return {
    areas,
    areaFeeds: computed(() => areaFeeds(areas.value)),
    elderMode: signal(init.elderMode ?? false),
    serverClockOffsetMs: signal(init.serverClockOffsetMs ?? 0),
    browse: signal<BrowseState>({ query: '', audience: '', category: '' }),
    filingFor: signal<FilingFor | null>(null),
    station: signal(init.station ?? null),
    session: signal(init.session),
    route: signal(init.route),
    networkOnline,
    replication,
    transfer: signal<TransferSnapshot>(EMPTY_TRANSFER),
    updateReady: signal(false),
    pendingWrites: signal(0),
    signOutPrompt: signal(null),
    connection: computed(() => deriveConnection(networkOnline.value, replication.online.value, replication.syncing.value)),
  };
}

/** Offline when either the phone has no network or the gateway does not answer. */
export function deriveConnection(networkOnline: boolean, gatewayReachable: boolean, syncing: boolean): ConnectionState {
  if (!networkOnline || !gatewayReachable) return 'offline';
  return syncing ? 'syncing' : 'online';
}
