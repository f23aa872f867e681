// UI state: a pure reducer from server messages (and a few local actions) to what the page shows,
// plus a tiny store that components subscribe to.

import type {
  ChatMessage,
  EndReason,
  Guest,
  Lock,
  MediaInfo,
  MeetingInfo,
  Presentation,
  ServerMessage,
  User,
} from './protocol';
import type { ConnInfo } from './session';

export type Phase =
  /** no welcome/waiting yet */
  | 'connecting'
  /** guest waiting for a moderator */
  | 'waiting'
  /** in the meeting */
  | 'meeting'
  /** ended / removed / left / expired: about to go to logoutUrl */
  | 'ended'
  /** refused by a moderator: about to go to logoutUrl */
  | 'denied'
  /** the page URL has no session token */
  | 'noToken';

export interface Toast {
  id: number;
  code: string;
  message: string;
  /** a button in the toast (e.g. retry a media connection that failed) */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run(): void;
}

export type Announcement =
  | { seq: number; kind: 'chat'; name: string; text: string }
  | { seq: number; kind: 'joined'; name: string }
  | { seq: number; kind: 'left'; name: string }
  | { seq: number; kind: 'guestWaiting'; name: string };

export interface AppState {
  phase: Phase;
  conn: ConnInfo;
  /** the waiting room text from the server */
  waitingMessage: string;
  you: User | null;
  meeting: MeetingInfo | null;
  lock: Lock;
  /** by userId, in arrival order */
  users: Map<string, User>;
  chat: ChatMessage[];
  guests: Guest[];
  media: MediaInfo;
  /** the meeting's documents and the shown page, as the server last said */
  presentation: Presentation;
  endReason: EndReason | null;
  logoutUrl: string;
  toasts: Toast[];
  announcement: Announcement | null;
  /** bumped on every welcome (full state replacement) */
  epoch: number;
}

export const NO_LOCK: Lock = {
  disableCam: false,
  disableMic: false,
  disablePrivateChat: false,
  disablePublicChat: false,
  disableNotes: false,
  hideUserList: false,
  lockOnJoin: false,
};

export const NO_PRESENTATION: Presentation = { docs: [], current: null, page: 1 };

/** Tolerates a missing or partial `presentation` (an older node sends none). */
export function normalizePresentation(p: Partial<Presentation> | null | undefined): Presentation {
  const docs = Array.isArray(p?.docs) ? p.docs.filter((d) => d && typeof d.id === 'string' && typeof d.url === 'string') : [];
  const current = docs.some((d) => d.id === p?.current) ? p!.current! : (docs[0]?.id ?? null);
  const page = Number.isInteger(p?.page) && p!.page! >= 1 ? p!.page! : 1;
  return { docs, current, page };
}

/** Chat history kept in memory. */
export const CHAT_KEEP = 1000;

export function initialState(hasToken: boolean): AppState {
  return {
    phase: hasToken ? 'connecting' : 'noToken',
    conn: { status: 'connecting', attempt: 0, retryInMs: 0, retryAt: 0 },
    waitingMessage: '',
    you: null,
    meeting: null,
    lock: NO_LOCK,
    users: new Map(),
    chat: [],
    guests: [],
    media: { enabled: false },
    presentation: NO_PRESENTATION,
    endReason: null,
    logoutUrl: '',
    toasts: [],
    announcement: null,
    epoch: 0,
  };
}

export type Action =
  | { type: 'server'; msg: ServerMessage }
  | { type: 'conn'; conn: ConnInfo }
  | { type: 'dismissToast'; id: number }
  | { type: 'localError'; code: string; message: string; action?: ToastAction };

let seq = 0;
const nextSeq = (): number => ++seq;

export function reduce(s: AppState, a: Action): AppState {
  switch (a.type) {
    case 'conn':
      return { ...s, conn: a.conn };
    case 'dismissToast':
      return { ...s, toasts: s.toasts.filter((t) => t.id !== a.id) };
    case 'localError':
      return { ...s, toasts: pushToast(s.toasts, a.code, a.message, a.action) };
    case 'server':
      return reduceServer(s, a.msg);
  }
}

function pushToast(toasts: Toast[], code: string, message: string, action?: ToastAction): Toast[] {
  // Repeated identical errors (e.g. rateLimited bursts) collapse into one toast.
  const rest = toasts.filter((t) => !(t.code === code && t.message === message));
  const toast: Toast = action ? { id: nextSeq(), code, message, action } : { id: nextSeq(), code, message };
  return [...rest, toast].slice(-4);
}

/** `welcome.media` as the page relies on it: a missing or malformed one means no media. */
export function normalizeMedia(m: Partial<MediaInfo> | null | undefined): MediaInfo {
  if (!m || m.enabled !== true) return typeof m?.reason === 'string' ? { enabled: false, reason: m.reason } : { enabled: false };
  const iceServers = Array.isArray(m.iceServers)
    ? m.iceServers.filter((x) => x && (typeof x.urls === 'string' || Array.isArray(x.urls)))
    : [];
  return { enabled: true, iceServers, mutedAll: m.mutedAll === true };
}

function reduceServer(s: AppState, m: ServerMessage): AppState {
  if (s.phase === 'ended' || s.phase === 'denied') return s;
  switch (m.type) {
    case 'welcome': {
      const users = new Map<string, User>();
      for (const u of m.users ?? []) users.set(u.userId, u);
      if (m.you && !users.has(m.you.userId)) users.set(m.you.userId, m.you);
      return {
        ...s,
        phase: 'meeting',
        you: m.you,
        meeting: m.meeting,
        lock: { ...NO_LOCK, ...m.lock },
        users,
        chat: dedupeChat(m.chat ?? []),
        guests: m.guests ?? [],
        media: normalizeMedia(m.media),
        presentation: normalizePresentation(m.presentation),
        announcement: null,
        epoch: s.epoch + 1,
      };
    }
    case 'waiting':
      return { ...s, phase: 'waiting', waitingMessage: m.message ?? '' };
    case 'denied':
      return { ...s, phase: 'denied', logoutUrl: m.logoutUrl || s.meeting?.logoutUrl || '' };
    case 'ended':
      return {
        ...s,
        phase: 'ended',
        endReason: m.reason,
        logoutUrl: m.logoutUrl || s.meeting?.logoutUrl || '',
      };
    case 'userJoined': {
      if (s.phase !== 'meeting' || !m.user) return s;
      const existed = s.users.has(m.user.userId);
      const users = new Map(s.users);
      users.set(m.user.userId, m.user);
      const you = s.you && s.you.userId === m.user.userId ? m.user : s.you;
      const announce = !existed && m.user.userId !== s.you?.userId;
      return {
        ...s,
        users,
        you,
        announcement: announce ? { seq: nextSeq(), kind: 'joined', name: m.user.name } : s.announcement,
      };
    }
    case 'userUpdated': {
      if (s.phase !== 'meeting' || !m.user) return s;
      const users = new Map(s.users);
      users.set(m.user.userId, m.user);
      const you = s.you && s.you.userId === m.user.userId ? m.user : s.you;
      // Someone who lost moderator rights no longer sees the waiting list.
      const guests = you && you.role !== 'MODERATOR' ? [] : s.guests;
      return { ...s, users, you, guests };
    }
    case 'userLeft': {
      if (s.phase !== 'meeting') return s;
      const gone = s.users.get(m.userId);
      if (!gone) return s;
      const users = new Map(s.users);
      users.delete(m.userId);
      return { ...s, users, announcement: { seq: nextSeq(), kind: 'left', name: gone.name } };
    }
    case 'chat': {
      if (s.phase !== 'meeting' || !m.message) return s;
      if (s.chat.some((c) => c.id === m.message.id)) return s;
      const chat = [...s.chat, m.message];
      if (chat.length > CHAT_KEEP) chat.splice(0, chat.length - CHAT_KEEP);
      const mine = m.message.userId !== '' && m.message.userId === s.you?.userId;
      return {
        ...s,
        chat,
        announcement: mine
          ? s.announcement
          : { seq: nextSeq(), kind: 'chat', name: m.message.name, text: m.message.text },
      };
    }
    case 'guests': {
      const before = new Set(s.guests.map((g) => g.userId));
      const guests = m.guests ?? [];
      const fresh = guests.find((g) => !before.has(g.userId));
      return {
        ...s,
        guests,
        announcement: fresh ? { seq: nextSeq(), kind: 'guestWaiting', name: fresh.name } : s.announcement,
      };
    }
    case 'lock':
      return { ...s, lock: { ...NO_LOCK, ...m.lock } };
    case 'recording':
      return s.meeting ? { ...s, meeting: { ...s.meeting, recording: m.recording === true } } : s;
    case 'presentation':
      return s.phase === 'meeting' ? { ...s, presentation: normalizePresentation(m.presentation) } : s;
    case 'error':
      return { ...s, toasts: pushToast(s.toasts, m.code ?? 'error', m.message ?? '') };
    case 'mediaMutedAll': {
      if (s.phase !== 'meeting' || !s.media.enabled) return s;
      const muted = m.muted === true;
      if (!!s.media.mutedAll === muted) return s;
      // A viewer speaking in the meeting hears why their microphone went off (or may go on).
      const told = s.you?.role === 'VIEWER' && s.you.media?.audio === 'mic';
      const code = muted ? 'media.mutedAll' : 'media.mutedAllLifted';
      return {
        ...s,
        media: { ...s.media, mutedAll: muted },
        toasts: told ? pushToast(s.toasts, code, '') : s.toasts,
      };
    }
    case 'pong':
      return s;
  }
}

/**
 * Why my microphone is muted, when a moderator's mute-all explains it: a viewer (not the
 * presenter, who may have been spared) whose microphone is muted while the rule is on.
 */
export function mutedByAll(s: Pick<AppState, 'media' | 'you'>, muted: boolean): boolean {
  return muted && !!s.media.enabled && s.media.mutedAll === true && s.you?.role === 'VIEWER' && !s.you.presenter;
}

function dedupeChat(chat: ChatMessage[]): ChatMessage[] {
  const seen = new Set<number>();
  const out: ChatMessage[] = [];
  for (const c of chat) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out;
}

// ---- derived views ----

export const isModerator = (u: User | null | undefined): boolean => u?.role === 'MODERATOR';

/** Lock settings bind viewers only, and only those the server marks `locked`. */
export function isLockedViewer(s: Pick<AppState, 'you'>): boolean {
  return !!s.you && s.you.role !== 'MODERATOR' && s.you.locked;
}

export function publicChatLocked(s: Pick<AppState, 'you' | 'lock'>): boolean {
  return isLockedViewer(s) && s.lock.disablePublicChat;
}

export function compareUsers(a: User, b: User): number {
  const ra = a.role === 'MODERATOR' ? 0 : 1;
  const rb = b.role === 'MODERATOR' ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const byName = a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true });
  if (byName !== 0) return byName;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

/** The participant list as this user may see it: moderators first, then by name. */
export function visibleUsers(s: Pick<AppState, 'you' | 'lock' | 'users'>): User[] {
  let list = [...s.users.values()];
  if (isLockedViewer(s) && s.lock.hideUserList) {
    list = list.filter((u) => u.role === 'MODERATOR' || u.userId === s.you?.userId);
  }
  return list.sort(compareUsers);
}

// ---- store ----

export interface Store {
  get(): AppState;
  dispatch(a: Action): void;
  subscribe(fn: () => void): () => void;
}

export function createStore(init: AppState): Store {
  let state = init;
  const subs = new Set<() => void>();
  return {
    get: () => state,
    dispatch(a) {
      const next = reduce(state, a);
      if (next === state) return;
      state = next;
      for (const fn of subs) fn();
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
