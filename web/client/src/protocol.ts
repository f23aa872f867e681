// Message types of the session WebSocket — docs/session-protocol.md is the contract.
// Unknown message types are ignored by both sides.

export type Role = 'MODERATOR' | 'VIEWER';

export interface UserMedia {
  audio: 'none' | 'listen' | 'mic';
  muted: boolean;
  talking: boolean;
  video: boolean;
  screen: boolean;
}

export interface User {
  userId: string;
  extUserId: string;
  name: string;
  role: Role;
  presenter: boolean;
  raisedHand: boolean;
  guest: boolean;
  locked: boolean;
  media: UserMedia;
}

export interface ChatMessage {
  id: number;
  userId: string;
  name: string;
  text: string;
  ts: number;
}

export interface Guest {
  userId: string;
  name: string;
  since: number;
}

export interface Lock {
  disableCam: boolean;
  disableMic: boolean;
  disablePrivateChat: boolean;
  disablePublicChat: boolean;
  disableNotes: boolean;
  hideUserList: boolean;
  lockOnJoin: boolean;
}

export const LOCK_FIELDS: readonly (keyof Lock)[] = [
  'disableCam',
  'disableMic',
  'disablePrivateChat',
  'disablePublicChat',
  'disableNotes',
  'hideUserList',
  'lockOnJoin',
];

export interface MeetingInfo {
  name: string;
  meetingId: string;
  internalMeetingId: string;
  welcome: string;
  bannerText: string;
  bannerColor: string;
  logoutUrl: string;
  recording: boolean;
  /** Moderators may start and pause recording (record=true and allowStartStopRecording). */
  canRecord?: boolean;
  guestPolicy: string;
  createTime: number;
  durationMinutes: number;
}

export interface MediaInfo {
  enabled: boolean;
  reason?: string;
}

/** A document given to the meeting by create's <modules> body (or insertDocument). */
export interface PresentationDoc {
  id: string;
  name: string;
  /** from the file's own bytes, never from its name */
  kind: 'pdf' | 'png' | 'jpeg';
  /** relative to the node; carries this user's session token */
  url: string;
  downloadable: boolean;
}

export interface Presentation {
  docs: PresentationDoc[];
  current: string | null;
  /** 1-based page of the shown document (always 1 for images) */
  page: number;
}

export type EndReason = 'ended' | 'removed' | 'left' | 'expired';

export type ErrorCode = 'forbidden' | 'locked' | 'badRequest' | 'tooLong' | 'rateLimited';

// ---- server → client ----

export interface WelcomeMsg {
  type: 'welcome';
  you: User;
  meeting: MeetingInfo;
  lock: Lock;
  users: User[];
  chat: ChatMessage[];
  guests: Guest[];
  media: MediaInfo;
  presentation?: Presentation;
}
export interface WaitingMsg { type: 'waiting'; message: string }
export interface DeniedMsg { type: 'denied'; logoutUrl: string }
export interface UserJoinedMsg { type: 'userJoined'; user: User }
export interface UserLeftMsg { type: 'userLeft'; userId: string }
export interface UserUpdatedMsg { type: 'userUpdated'; user: User }
export interface ChatMsg { type: 'chat'; message: ChatMessage }
export interface GuestsMsg { type: 'guests'; guests: Guest[] }
export interface LockMsg { type: 'lock'; lock: Lock }
export interface RecordingMsg { type: 'recording'; recording: boolean }
export interface PresentationMsg { type: 'presentation'; presentation: Presentation }
export interface EndedMsg { type: 'ended'; reason: EndReason; logoutUrl: string }
export interface ErrorMsg { type: 'error'; code: ErrorCode | string; message: string }
export interface PongMsg { type: 'pong'; id: number | string }

export type ServerMessage =
  | WelcomeMsg
  | WaitingMsg
  | DeniedMsg
  | UserJoinedMsg
  | UserLeftMsg
  | UserUpdatedMsg
  | ChatMsg
  | GuestsMsg
  | LockMsg
  | RecordingMsg
  | PresentationMsg
  | EndedMsg
  | ErrorMsg
  | PongMsg;

const SERVER_TYPES: ReadonlySet<string> = new Set([
  'welcome', 'waiting', 'denied', 'userJoined', 'userLeft', 'userUpdated',
  'chat', 'guests', 'lock', 'recording', 'presentation', 'ended', 'error', 'pong',
]);

/** Parses one text frame. Returns null for garbage; unknown types are passed through as `{type}` objects. */
export function parseServerMessage(data: string): ServerMessage | { type: string } | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || typeof (v as { type?: unknown }).type !== 'string') return null;
  return v as { type: string };
}

export function isKnownServerMessage(m: { type: string }): m is ServerMessage {
  return SERVER_TYPES.has(m.type);
}

// ---- client → server ----

export type ClientMessage =
  | { type: 'chatSend'; text: string }
  | { type: 'handSet'; raised: boolean; userId?: string }
  | { type: 'presenterSet'; userId: string }
  | { type: 'userRemove'; userId: string }
  | { type: 'lockSet'; lock: Partial<Lock> }
  | { type: 'meetingEnd' }
  | { type: 'recordingSet'; recording: boolean }
  | { type: 'guestDecide'; userId: string; allow: boolean }
  | { type: 'presentationShow'; docId: string; page: number }
  | { type: 'leave' }
  | { type: 'ping'; id: number }
  // reserved for audio/video/screen sharing (src/media/)
  | { type: `media${string}`; [k: string]: unknown };

export const CHAT_MAX = 500;
