import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DataApi } from '../db/data-api.js';
import type { Actions } from '../state/actions.js';
import type { AppState } from '../state/app-state.js';

/** What every page and component may use: state, data, actions. Nothing else. */
export interface AppServices {
  state: AppState;
  data: DataApi;
  actions: Actions;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
