import { render } from 'preact';
import { fromEvent } from 'rxjs';
import { createDatabase } from './db/create-database.js';
import { createDataApi } from './db/data-api.js';
import { App } from './app/index.js';
import { AppContext } from './lib/app-context.js';
import { registerServiceWorker } from './lib/register-service-worker.js';
import { parseRoute } from './lib/routes.js';
import { createActions } from './state/actions.js';
import { createAppState } from './state/app-state.js';
import { createSessionStore } from './state/session-store.js';
import { connectReplication } from './state/sync-controller.js';
import { createGatewayClient } from './sync/gateway-client.js';
import './styles/global.css';

/** The browser's composition root: the only place that touches window, document and navigator together. */
async function main() {
  const sessions = createSessionStore(window.localStorage);
  const state = createAppState({ session: sessions.load(), route: parseRoute(location.hash), networkOnline: navigator.onLine });
  window.addEventListener('hashchange', () => (state.route.value = parseRoute(location.hash)));
  window.addEventListener('online', () => (state.networkOnline.value = true));
  window.addEventListener('offline', () => (state.networkOnline.value = false));

  const activateUpdate = registerServiceWorker(state);
  const db = await createDatabase({ name: 'tongban', multiInstance: true });
  const data = createDataApi(db);
  const client = createGatewayClient({ baseUrl: '', getToken: () => state.session.value?.token });
  connectReplication({ db, client, state, wakeUp$: fromEvent(window, 'online') });

  const actions = createActions({
    state,
    client,
    sessions,
    data,
    setHash: (hash) => {
      if (location.hash !== hash) location.hash = hash;
    },
    persistStorage: () => navigator.storage?.persist?.() ?? Promise.resolve(false),
    activateUpdate,
  });

  const container = document.getElementById('app')!;
  container.textContent = ''; // the "正在打开" placeholder from index.html
  render(
    <AppContext.Provider value={{ state, data, actions }}>
      <App />
    </AppContext.Provider>,
    container,
  );
}

main().catch((error: unknown) => {
  console.error('start-up failed', error);
  document.getElementById('app')!.textContent = '应用打开失败，请关闭后重新打开。如果一直这样，请清理浏览器空间后再试。';
});
