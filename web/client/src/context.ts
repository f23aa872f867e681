// Wiring shared by the components: the store, the session and a `send` that reports failures.

import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ClientMessage } from './protocol';
import type { Session } from './session';
import type { AppState, Store } from './state';
import type { MediaController } from './media';

export interface Ctx {
  store: Store;
  session: Session;
  /** sends, or shows an "offline" toast and returns false */
  send(msg: ClientMessage): boolean;
  media(): MediaController;
}

export const AppContext = createContext<Ctx | null>(null);

export function useCtx(): Ctx {
  const c = useContext(AppContext);
  if (!c) throw new Error('AppContext missing');
  return c;
}

/** The whole app state; re-renders on every change. */
export function useAppState(): AppState {
  const { store } = useCtx();
  const [s, set] = useState(store.get());
  useEffect(() => {
    set(store.get());
    return store.subscribe(() => set(store.get()));
  }, [store]);
  return s;
}

export function useMediaQuery(query: string): boolean {
  const get = () => typeof matchMedia === 'function' && matchMedia(query).matches;
  const [m, set] = useState(get);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return undefined;
    const mq = matchMedia(query);
    const on = () => set(mq.matches);
    on();
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, [query]);
  return m;
}

/** Re-renders every `ms` (for relative times). */
export function useTick(ms: number): number {
  const [n, set] = useState(0);
  useEffect(() => {
    const id = setInterval(() => set((x) => x + 1), ms);
    return () => clearInterval(id);
  }, [ms]);
  return n;
}
