/** What every screen may need about this copy of the app: app.info, and a way to refresh it. */
import { createContext, useContext } from 'react';
import type { AppInfo } from '../../shared/api/types.ts';

export interface AppState {
  info: AppInfo;
  refreshInfo: () => Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
