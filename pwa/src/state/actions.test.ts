import { describe, expect, it } from 'vitest';
import { createMemoryGateway } from '../../../test/support/memory-gateway.js';
import { signal } from '@preact/signals';
import { createActions } from './actions.js';
import { createAppState } from './app-state.js';
import { createPreferencesStore } from './preferences-store.js';
import { createSessionStore } from './session-store.js';

function setUp(areas: string[] = []) {
  const items = new Map<string, string>();
  const preferences = createPreferencesStore({ getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) });
  const state = createAppState({ session: null, route: { name: 'guides' }, networkOnline: true, areas });
  const actions = createActions({ state, client: createMemoryGateway().client, sessions: createSessionStore(null), preferences, data: signal(null as never) });
  return { state, actions, preferences };
}

describe('area and elder mode actions', () => {
  it('should follow a chosen area and every area above it, and remember it', () => {
    const { state, actions, preferences } = setUp();
    actions.chooseArea('331123001');
    expect(state.areaFeeds.value).toEqual(['330000', '331100', '331123', '331123001']);
    expect(preferences.loadAreas()).toEqual(['331123001']);
  });

  it('should keep the feeds another chosen area still needs when one is removed', () => {
    const { state, actions, preferences } = setUp(['331123', '331124']);
    actions.removeArea('331124');
    expect(state.areaFeeds.value).toEqual(['330000', '331100', '331123']);
    expect(preferences.loadAreas()).toEqual(['331123']);
  });

  it('should put the area chosen last first, without repeats', () => {
    const { state, actions } = setUp(['331123', '331124']);
    actions.chooseArea('331124');
    expect(state.areas.value).toEqual(['331124', '331123']);
  });

  it('should switch elder mode with one tap and remember it', () => {
    const { state, actions, preferences } = setUp();
    actions.toggleElderMode();
    expect(state.elderMode.value).toBe(true);
    expect(preferences.loadElderMode()).toBe(true);
    actions.toggleElderMode();
    expect(preferences.loadElderMode()).toBe(false);
  });
});
