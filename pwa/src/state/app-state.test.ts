import { describe, expect, it } from 'vitest';
import { createAppState, deriveConnection } from './app-state.js';

describe('connection state', () => {
  it('should be offline without a network or without an answering gateway', () => {
    expect(deriveConnection(false, true, true)).toBe('offline');
    expect(deriveConnection(true, false, false)).toBe('offline');
  });

  it('should show syncing only while online', () => {
    expect(deriveConnection(true, true, true)).toBe('syncing');
    expect(deriveConnection(true, true, false)).toBe('online');
  });

  it('should follow the replication status signals', () => {
    const state = createAppState({ session: null, route: { name: 'guides' }, networkOnline: true });
    expect(state.connection.value).toBe('online');
    state.replication.syncing.value = true;
    expect(state.connection.value).toBe('syncing');
    state.replication.online.value = false;
    expect(state.connection.value).toBe('offline');
  });
});
