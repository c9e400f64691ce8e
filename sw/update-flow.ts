import { clientsClaim } from 'workbox-core';
import { isSkipWaitingMessage } from './update-message.js';

/**
 * Prompt-style updates: a new worker waits until the page asks it to take
 * over, so a running save is never cut by a reload. Once active it claims
 * open pages, which then reload into the new version.
 */
export function listenForUpdateMessages(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('message', (event) => {
    if (isSkipWaitingMessage(event.data)) void scope.skipWaiting();
  });
  clientsClaim();
}
