import { describe, expect, it } from 'vitest';
import { isAppNavigation } from './navigation-allowlist.js';

describe('isAppNavigation', () => {
  it('should serve the app shell for app pages', () => {
    for (const path of ['/', '/index.html', '/guides/guide-0001', '/applications']) expect(isAppNavigation(path), path).toBe(true);
  });

  it('should never answer the API or the health check from the shell', () => {
    for (const path of ['/v1', '/v1/session', '/v1/sync/guides/pull', '/v2/anything', '/health']) expect(isAppNavigation(path), path).toBe(false);
  });

  it('should not mistake app paths that merely start like the API', () => {
    expect(isAppNavigation('/villages')).toBe(true);
    expect(isAppNavigation('/healthy-living')).toBe(true);
  });
});
