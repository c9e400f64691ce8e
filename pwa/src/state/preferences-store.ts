/**
 * Settings a person makes once and expects the phone to remember, with or
 * without an account: the chosen areas, 长辈模式, and what the phone learnt
 * about the gateway's clock. localStorage, read at start-up.
 */
export const AREAS_KEY = 'tongban.areas';
export const ELDER_MODE_KEY = 'tongban.elder-mode';
export const SERVER_CLOCK_KEY = 'tongban.server-clock-offset';
/** 便民服务站模式: a shared tablet (see model/idle-session.ts); absent on a person's own phone. */
export const STATION_KEY = 'tongban.station';

/** Most areas one phone follows: an agent serves a few townships, not a province. */
export const MAX_AREAS = 8;

import { parseStationSettings, type StationSettings } from '../model/idle-session.js';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export interface PreferencesStore {
  loadAreas(): string[];
  saveAreas(codes: string[]): void;
  loadElderMode(): boolean;
  saveElderMode(on: boolean): void;
  loadServerClockOffset(): number;
  saveServerClockOffset(ms: number): void;
  loadStation(): StationSettings | null;
  saveStation(settings: StationSettings | null): void;
}

export function createPreferencesStore(storage: Storage | null): PreferencesStore {
  const read = (key: string): unknown => {
    try {
      return JSON.parse(storage?.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  };
  const write = (key: string, value: unknown) => {
    try {
      storage?.setItem(key, JSON.stringify(value));
    } catch (error) {
      console.error('saving a setting failed', key, error);
    }
  };
  return {
    loadAreas() {
      const value = read(AREAS_KEY);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, MAX_AREAS) : [];
    },
    saveAreas: (codes) => write(AREAS_KEY, codes.slice(0, MAX_AREAS)),
    loadElderMode: () => read(ELDER_MODE_KEY) === true,
    saveElderMode: (on) => write(ELDER_MODE_KEY, on),
    loadServerClockOffset() {
      const value = read(SERVER_CLOCK_KEY);
      return typeof value === 'number' && Number.isFinite(value) ? value : 0;
    },
    saveServerClockOffset: (ms) => write(SERVER_CLOCK_KEY, Math.round(ms)),
    loadStation: () => parseStationSettings(read(STATION_KEY)),
    saveStation: (settings) => write(STATION_KEY, settings),
  };
}
