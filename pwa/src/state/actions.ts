import type { ReadonlySignal } from '@preact/signals';
import type { DataApi } from '../db/data-api.js';
import { hrefOf, type Route } from '../lib/routes.js';
import type { StationSettings } from '../model/idle-session.js';
import type { GatewayClient } from '../../../device-core/client/gateway-client.js';
import { GatewayError } from '../../../device-core/client/gateway-error.js';
import type { AppState } from './app-state.js';
import { MAX_AREAS, type PreferencesStore } from './preferences-store.js';
import type { SessionStore } from './session-store.js';

export interface ActionDeps {
  state: AppState;
  client: GatewayClient;
  sessions: SessionStore;
  /** Where areas and elder mode are remembered; absent in tests that do not care. */
  preferences?: PreferencesStore;
  /** The signed-in person's data interface; it changes with the person. */
  data: ReadonlySignal<DataApi>;
  /** Browser hooks, absent in tests. */
  setHash?: (hash: string) => void;
  persistStorage?: () => Promise<boolean>;
  activateUpdate?: () => void;
}

/** Everything the UI can do that changes state. */
export interface Actions {
  navigate(route: Route): void;
  /** Resolves to an error message for the person, or null on success. */
  signIn(login: string, password: string): Promise<string | null>;
  /** Puts the sign-out question on screen, counting what has not been sent yet. */
  requestSignOut(): Promise<void>;
  cancelSignOut(): void;
  /** Signs out now. The person's data stays on the phone in their own database. */
  signOut(): void;
  /** Runs a write, counting it so an update never reloads in the middle. */
  write<T>(work: () => Promise<T>): Promise<T>;
  applyUpdate(): void;
  /** Adds an area to follow (the first one on first use); its guides download with the next pull. */
  chooseArea(code: string): void;
  /** Stops following an area; its guides leave the phone unless another chosen area needs them. */
  removeArea(code: string): void;
  /** 长辈模式 on or off, remembered on the phone. */
  toggleElderMode(): void;
  /** 便民服务站模式 on (with its idle times) or off, remembered on the tablet. */
  setStation(settings: StationSettings | null): void;
}

export function createActions(deps: ActionDeps): Actions {
  const { state } = deps;
  const navigate = (route: Route) => {
    state.route.value = route;
    deps.setHash?.(hrefOf(route));
  };

  return {
    navigate,
    async signIn(login, password) {
      try {
        const session = await deps.client.signIn(login.trim(), password);
        deps.sessions.save(session);
        state.session.value = session;
        state.replication.needsSignIn.value = false;
        // Ask once signed in: the browser then keeps our IndexedDB under storage pressure.
        void deps.persistStorage?.().catch(() => false);
        return null;
      } catch (error) {
        if (error instanceof GatewayError) {
          return error.kind === 'offline' ? '连不上服务器。第一次登录需要联网，请到有信号的地方再试。' : error.problem.message;
        }
        return '登录没有成功，请稍后再试。';
      }
    },
    async requestSignOut() {
      const unsent = await deps.data.value.countUnsent().catch((error: unknown) => {
        console.error('counting unsent applications failed', error);
        return null;
      });
      state.signOutPrompt.value = { unsent };
    },
    cancelSignOut() {
      state.signOutPrompt.value = null;
    },
    signOut() {
      state.signOutPrompt.value = null;
      deps.sessions.clear();
      state.session.value = null;
      // Nothing the last person typed stays in memory for the next one: what they searched, whom they filed for.
      state.filingFor.value = null;
      state.browse.value = { query: '', audience: '', category: '' };
      navigate({ name: 'sign-in' });
    },
    async write(work) {
      state.pendingWrites.value += 1;
      try {
        return await work();
      } finally {
        state.pendingWrites.value -= 1;
      }
    },
    applyUpdate() {
      deps.activateUpdate?.();
    },
    chooseArea(code) {
      const current = state.areas.value.filter((c) => c !== code);
      // The area just chosen comes first: it is the one the guides list shows by default.
      const next = [code, ...current].slice(0, MAX_AREAS);
      state.areas.value = next;
      deps.preferences?.saveAreas(next);
    },
    removeArea(code) {
      const next = state.areas.value.filter((c) => c !== code);
      state.areas.value = next;
      deps.preferences?.saveAreas(next);
    },
    setStation(settings) {
      state.station.value = settings;
      deps.preferences?.saveStation(settings);
    },
    toggleElderMode() {
      state.elderMode.value = !state.elderMode.value;
      deps.preferences?.saveElderMode(state.elderMode.value);
    },
  };
}
