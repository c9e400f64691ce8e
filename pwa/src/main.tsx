import { effect } from '@preact/signals';
import { render } from 'preact';
import { fromEvent } from 'rxjs';
import { createDatabases } from './db/databases.js';
import { App } from './app/index.js';
import { AppContext } from './lib/app-context.js';
import { registerServiceWorker } from './lib/register-service-worker.js';
import { resyncTriggers$ } from './lib/resync-triggers.js';
import { parseRoute } from './lib/routes.js';
import { createActions } from './state/actions.js';
import { createAppState } from './state/app-state.js';
import { connectSession } from './state/session-controller.js';
import { AREAS_KEY, createPreferencesStore, ELDER_MODE_KEY } from './state/preferences-store.js';
import { createSessionStore, SESSION_KEY } from './state/session-store.js';
import { createGatewayClient } from '../../device-core/client/gateway-client.js';
import { setUpBrowserTransfer } from './transfer/browser-transfer.js';
import { openTransferStore } from '../../device-core/transfer/transfer-store.js';
import './styles/global.css';

/** The browser's composition root: the only place that touches window, document and navigator together. */
async function main() {
  const sessions = createSessionStore(window.localStorage);
  const preferences = createPreferencesStore(window.localStorage);
  const state = createAppState({
    session: sessions.load(),
    route: parseRoute(location.hash),
    networkOnline: navigator.onLine,
    areas: preferences.loadAreas(),
    elderMode: preferences.loadElderMode(),
    serverClockOffsetMs: preferences.loadServerClockOffset(),
    station: preferences.loadStation(),
  });
  // A station tablet keeps no trail of who was here: every move replaces the one history entry, so 返回 shows nobody's pages.
  document.addEventListener('click', (event) => {
    if (!state.station.peek() || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const link = (event.target as Element | null)?.closest?.('a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    location.replace(link.getAttribute('href')!);
  });
  effect(() => {
    document.documentElement.dataset.elder = state.elderMode.value ? 'on' : 'off';
  });
  window.addEventListener('hashchange', () => (state.route.value = parseRoute(location.hash)));
  window.addEventListener('online', () => (state.networkOnline.value = true));
  window.addEventListener('offline', () => (state.networkOnline.value = false));
  // A sign-out or sign-in in another tab applies here too: no tab keeps showing the last person's data.
  window.addEventListener('storage', (event) => {
    if (event.key === SESSION_KEY || event.key === null) state.session.value = sessions.load();
    if (event.key === AREAS_KEY || event.key === null) state.areas.value = preferences.loadAreas();
    if (event.key === ELDER_MODE_KEY || event.key === null) state.elderMode.value = preferences.loadElderMode();
  });

  const activateUpdate = registerServiceWorker(state);
  const databases = await createDatabases({ multiInstance: true });
  const client = createGatewayClient({
    baseUrl: '',
    getToken: () => state.session.value?.token,
    onServerDate(serverNow) {
      const offset = serverNow.getTime() - Date.now();
      // The Date header has whole seconds: only a real difference is worth a write.
      if (Math.abs(offset - state.serverClockOffsetMs.peek()) < 60_000) return;
      state.serverClockOffsetMs.value = offset;
      preferences.saveServerClockOffset(offset);
    },
  });
  // Without its small database (IndexedDB refused) the app works, only photos are not sent.
  const transferStore = await openTransferStore().catch((error: unknown) => (console.error('opening the transfer database failed', error), null));
  const startTransfer = transferStore ? setUpBrowserTransfer(state, transferStore) : undefined;
  const session = connectSession({ databases, client, state, wakeUp$: fromEvent(window, 'online'), startTransfer });
  const { data } = session;
  resyncTriggers$(window).subscribe(() => session.reSync());

  const actions = createActions({
    state,
    client,
    sessions,
    preferences,
    data,
    setHash: (hash) => {
      if (location.hash === hash) return;
      if (state.station.peek()) location.replace(hash);
      else location.hash = hash;
    },
    persistStorage: () => navigator.storage?.persist?.() ?? Promise.resolve(false),
    activateUpdate,
  });

  /** Re-provides the services whenever the person (and so their data) changes. */
  function Root() {
    return (
      <AppContext.Provider value={{ state, data: data.value, actions }}>
        <App />
      </AppContext.Provider>
    );
  }

  const container = document.getElementById('app')!;
  container.textContent = ''; // the "正在打开" placeholder from index.html
  render(<Root />, container);
}

main().catch((error: unknown) => {
  console.error('start-up failed', error);
  document.getElementById('app')!.textContent = '应用打开失败，请关闭后重新打开。如果一直这样，请清理浏览器空间后再试。';
});
