import { describe, expect, it } from 'vitest';
import { sendsInBackground } from './upload-coordination.js';

describe('sendsInBackground', () => {
  class WithSync {}
  Object.defineProperty(WithSync.prototype, 'sync', { value: {} });

  it('should say yes with a service worker and Background Sync (Chromium)', () => {
    expect(sendsInBackground({ navigator: { serviceWorker: {} }, ServiceWorkerRegistration: WithSync })).toBe(true);
  });

  it('should say no without Background Sync (Safari, Firefox) or without service workers', () => {
    expect(sendsInBackground({ navigator: { serviceWorker: {} }, ServiceWorkerRegistration: class {} })).toBe(false);
    expect(sendsInBackground({ navigator: {}, ServiceWorkerRegistration: WithSync })).toBe(false);
    expect(sendsInBackground({})).toBe(false);
  });
});
