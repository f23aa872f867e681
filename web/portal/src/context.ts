import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Lang, SessionInfo, User } from './types';
import type { T } from './i18n';

export interface AppContext {
  session: SessionInfo;
  user: User | null;
  lang: Lang;
  t: T;
  setLang: (lang: Lang) => void;
  /** Reloads GET /api/v1/session (new CSRF token, user, site); call after sign-in/out. */
  refreshSession: () => Promise<void>;
  /** A polite status message, shown as a toast and read by screen readers. */
  announce: (message: string) => void;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useApp outside <App>');
  return c;
}

export function hasPermission(user: User | null, perm: string): boolean {
  return !!user && user.permissions.includes(perm);
}

export const ADMIN_PERMISSIONS = ['ManageUsers', 'ManageRooms', 'ManageRecordings', 'ManageSiteSettings', 'ManageRoles'];

export function canAdmin(user: User | null): boolean {
  return ADMIN_PERMISSIONS.some((p) => hasPermission(user, p));
}
