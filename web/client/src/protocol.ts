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
  /** STUN/TURN for the page's peer connections (TURN credentials are short-lived) */
  iceServers?: RTCIceServer[];
  /** a moderator muted everyone (until lifted, microphones that join start muted) */
  mutedAll?: boolean;
}

/** The page's peer connections, named as in the protocol. */
export type MediaPc = 'audio' | 'camera' | 'screen' | 'subscriber';
export type MediaSource = 'camera' | 'screen';

/** One m-line of the subscriber connection: whose camera or screen it carries. */
export interface MediaStreamDesc {
  mid: string;
  userId: string;
  source: MediaSource;
  kind: 'audio' | 'video';
}

export type MediaStopReason = 'revoked' | 'failed' | 'ended';

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
/** `pc`: the media connection whose request was refused ("" or absent otherwise). */
export interface ErrorMsg { type: 'error'; code: ErrorCode | string; message: string; pc?: string }
export interface PongMsg { type: 'pong'; id: number | string }
/** A moderator muted everyone (`true`) or lifted it. */
export interface MediaMutedAllMsg { type: 'mediaMutedAll'; muted: boolean }

// Media signalling (src/media/ handles these; the reducer ignores them).
export interface MediaAnswerMsg { type: 'mediaAnswer'; pc: MediaPc; sdp: string }
export interface MediaOfferMsg { type: 'mediaOffer'; pc: 'subscriber'; sdp: string; streams: MediaStreamDesc[] }
export interface MediaCandidateMsg { type: 'mediaCandidate'; pc: MediaPc; candidate: RTCIceCandidateInit | null }
export interface MediaStoppedMsg { type: 'mediaStopped'; pc: MediaPc; reason: MediaStopReason }
export type MediaServerMessage = MediaAnswerMsg | MediaOfferMsg | MediaCandidateMsg | MediaStoppedMsg;

const MEDIA_SERVER_TYPES: ReadonlySet<string> = new Set(['mediaAnswer', 'mediaOffer', 'mediaCandidate', 'mediaStopped']);
const MEDIA_PCS: ReadonlySet<string> = new Set(['audio', 'camera', 'screen', 'subscriber']);

/** A media message with the fields the media code relies on (anything else is dropped). */
export function isMediaServerMessage(m: { type: string }): m is MediaServerMessage {
  if (!MEDIA_SERVER_TYPES.has(m.type)) return false;
  const v = m as Partial<MediaOfferMsg> & { candidate?: unknown };
  if (typeof v.pc !== 'string' || !MEDIA_PCS.has(v.pc)) return false;
  if ((m.type === 'mediaAnswer' || m.type === 'mediaOffer') && typeof v.sdp !== 'string') return false;
  if (m.type === 'mediaOffer' && !Array.isArray(v.streams)) return false;
  if (m.type === 'mediaCandidate' && v.candidate !== null && typeof v.candidate !== 'object') return false;
  return true;
}

/** The media connection an `error` names (a refused media request), or null. */
export function errorPc(m: { type: string; pc?: unknown }): MediaPc | null {
  return m.type === 'error' && typeof m.pc === 'string' && MEDIA_PCS.has(m.pc) ? (m.pc as MediaPc) : null;
}

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
  | PongMsg
  | MediaMutedAllMsg;

const SERVER_TYPES: ReadonlySet<string> = new Set([
  'welcome', 'waiting', 'denied', 'userJoined', 'userLeft', 'userUpdated',
  'chat', 'guests', 'lock', 'recording', 'presentation', 'ended', 'error', 'pong',
  'mediaMutedAll',
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
  | MediaClientMessage;

export type MediaClientMessage =
  | { type: 'mediaAudioJoin'; listenOnly: boolean; sdp: string }
  | { type: 'mediaPublish'; source: MediaSource; sdp: string }
  | { type: 'mediaAnswer'; pc: 'subscriber'; sdp: string }
  | { type: 'mediaCandidate'; pc: MediaPc; candidate: RTCIceCandidateInit | null }
  | { type: 'mediaStop'; pc: MediaPc }
  | { type: 'mediaMute'; muted: boolean; userId?: string }
  | { type: 'mediaMuteAll'; muted: boolean; exceptPresenter?: boolean };

/** The server closes the socket on a larger frame (256 KiB); offers are checked against it first. */
export const MAX_FRAME_BYTES = 256 * 1024;

export const CHAT_MAX = 500;
