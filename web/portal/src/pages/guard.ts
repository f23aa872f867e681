import { useEffect } from 'preact/hooks';
import { useApp } from '../context';
import { navigate } from '../router';
import type { User } from '../types';

/** The signed-in user; without one, goes to /signin?next=<here> (replacing the history entry). */
export function useRequireUser(): User | null {
  const { user } = useApp();
  useEffect(() => {
    if (!user) navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [user]);
  return user;
}
