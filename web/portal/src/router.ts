// A tiny History-API router. The pure part (matchRoute, safeNext, parseRoomInput) has
// no DOM; navigate()/useLocation() wrap history.pushState and popstate.

import { useEffect, useState } from 'preact/hooks';

export type RouteName =
  | 'home'
  | 'signin'
  | 'signup'
  | 'verify'
  | 'reset'
  | 'resetConfirm'
  | 'rooms'
  | 'room'
  | 'join'
  | 'admin'
  | 'notFound';

export interface Match {
  name: RouteName;
  params: Record<string, string>;
}

const ROUTES: [string, RouteName][] = [
  ['/', 'home'],
  ['/signin', 'signin'],
  ['/signup', 'signup'],
  ['/verify', 'verify'],
  ['/reset', 'reset'],
  ['/reset/confirm', 'resetConfirm'],
  ['/rooms', 'rooms'],
  ['/rooms/:friendlyId', 'room'],
  ['/r/:friendlyId', 'join'],
  ['/admin', 'admin'],
  ['/admin/:tab', 'admin'],
];

/** Matches a pathname (no query) against the route table; a trailing slash is ignored. */
export function matchRoute(pathname: string): Match {
  let path = pathname || '/';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const segs = path.split('/').slice(1);
  for (const [pattern, name] of ROUTES) {
    const psegs = pattern.split('/').slice(1);
    if (psegs.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < psegs.length; i++) {
      const p = psegs[i];
      if (p.startsWith(':')) {
        let v: string;
        try {
          v = decodeURIComponent(segs[i]);
        } catch {
          ok = false;
          break;
        }
        if (!v) {
          ok = false;
          break;
        }
        params[p.slice(1)] = v;
      } else if (p !== segs[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return { name, params };
  }
  return { name: 'notFound', params: {} };
}

/** A post-sign-in destination from `?next=`: only same-site absolute paths, else the fallback. */
export function safeNext(next: string | null | undefined, fallback = '/rooms'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  if (/^\/(signin|signup)(\/|\?|$)/.test(next)) return fallback;
  return next;
}

const FRIENDLY_ID = /^[a-z0-9]{2,16}(?:-[a-z0-9]{2,16}){0,7}$/;

/** The friendly ID in what someone typed into "join a room": an ID, or a room or join link. */
export function parseRoomInput(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  let candidate = text;
  if (text.includes('/')) {
    let path = text;
    try {
      path = new URL(text, 'http://x.invalid').pathname;
    } catch {
      return null;
    }
    const m = /\/(?:r|rooms)\/([^/?#]+)\/?$/.exec(path);
    if (!m) return null;
    try {
      candidate = decodeURIComponent(m[1]);
    } catch {
      return null;
    }
  }
  candidate = candidate.toLowerCase();
  return FRIENDLY_ID.test(candidate) ? candidate : null;
}

// --- browser side ----------------------------------------------------------------------

const NAV_EVENT = 'bluemeet:navigate';

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const cur = location.pathname + location.search + location.hash;
  if (to === cur) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAV_EVENT));
}

export interface Loc {
  pathname: string;
  search: URLSearchParams;
  /** bumps on every navigation, so pages can re-run effects on same-path navigations */
  key: number;
}

let navCount = 0;

function readLoc(): Loc {
  return { pathname: location.pathname, search: new URLSearchParams(location.search), key: navCount };
}

export function useLocation(): Loc {
  const [loc, setLoc] = useState<Loc>(readLoc);
  useEffect(() => {
    const on = () => {
      navCount++;
      setLoc(readLoc());
    };
    window.addEventListener('popstate', on);
    window.addEventListener(NAV_EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener(NAV_EVENT, on);
    };
  }, []);
  return loc;
}

/** Click handler for in-app links: plain left clicks navigate without a reload. */
export function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget as HTMLAnchorElement;
  if (a.target && a.target !== '_self') return;
  if (a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
}
