import { effect } from '@preact/signals';
import { Workbox } from 'workbox-window';
import type { AppState } from '../state/app-state.js';

/** How often a long-open app looks for a new version. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000; // 1 hour

/**
 * Registers the service worker (prompt mode: a new version waits until the
 * person taps the banner). Returns the function that activates it: it waits
 * until no write is in flight, asks the waiting worker to skip waiting, and
 * reloads once it controls the page.
 */
export function registerServiceWorker(state: AppState, url = '/sw.js'): () => void {
  if (!('serviceWorker' in navigator)) return () => {};
  const wb = new Workbox(url, { scope: '/' });
  wb.addEventListener('waiting', () => {
    state.updateReady.value = true;
  });
  wb.register()
    .then((registration) => {
      if (registration) setInterval(() => void registration.update(), UPDATE_CHECK_INTERVAL_MS);
    })
    // Blocked (private mode, policy) or failed: the app still works online, only offline reloads do not.
    .catch((error: unknown) => console.warn('service worker registration failed', error));
  // A 426 from the gateway means this app is too old: look for the new one now.
  effect(() => {
    if (state.replication.needsUpdate.value) void wb.update();
  });

  return () => {
    wb.addEventListener('controlling', () => window.location.reload());
    const stopWaiting = effect(() => {
      if (state.pendingWrites.value > 0) return; // never reload in the middle of a save
      queueMicrotask(() => stopWaiting());
      wb.messageSkipWaiting();
    });
  };
}
