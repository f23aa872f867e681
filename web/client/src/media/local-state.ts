// What this tab's own media is doing, as a pure reducer: the action bar renders it and the
// controller derives the microphone track's `enabled` from it.
//
// Muting follows the server: it can mute us (a moderator, mute-all) and may refuse an
// unmute. A mute takes effect locally at once; an unmute only once the server confirms.
// While our own request is pending, `userUpdated` messages the server sent before it
// handled the request (talking changes arrive all the time) must not undo it.

export type AudioMode = 'none' | 'listen' | 'mic';
export type OwnPc = 'audio' | 'camera' | 'screen';
/** off → starting (devices, offer sent) → on (answered) */
export type LinkPhase = 'off' | 'starting' | 'on';

export interface LocalMedia {
  /** the audio mode joined or being joined; 'none' when off */
  audio: AudioMode;
  audioPhase: LinkPhase;
  camera: LinkPhase;
  screen: LinkPhase;
  /** the microphone is muted (what the button shows and the track follows) */
  muted: boolean;
  /** our own mute request the server has not confirmed yet */
  pending: 'mute' | 'unmute' | null;
}

export type LocalEvent =
  | { type: 'starting'; pc: OwnPc; mode?: AudioMode }
  | { type: 'answered'; pc: OwnPc }
  | { type: 'stopped'; pc: OwnPc }
  | { type: 'muteRequested'; muted: boolean }
  /** my `User.media.muted` as the server last said */
  | { type: 'serverMuted'; muted: boolean }
  /** the server answered `error`: an unmute waiting for its answer was refused */
  | { type: 'refused' };

export const initialLocal = (serverMuted: boolean): LocalMedia => ({
  audio: 'none',
  audioPhase: 'off',
  camera: 'off',
  screen: 'off',
  muted: serverMuted,
  pending: null,
});

export function reduceLocal(s: LocalMedia, e: LocalEvent): LocalMedia {
  switch (e.type) {
    case 'starting':
      if (e.pc === 'audio') return { ...s, audio: e.mode ?? 'listen', audioPhase: 'starting' };
      return { ...s, [e.pc]: 'starting' };
    case 'answered':
      if (e.pc === 'audio') return s.audioPhase === 'starting' ? { ...s, audioPhase: 'on' } : s;
      return s[e.pc] === 'starting' ? { ...s, [e.pc]: 'on' } : s;
    case 'stopped':
      if (e.pc === 'audio') return { ...s, audio: 'none', audioPhase: 'off', pending: null };
      return { ...s, [e.pc]: 'off' };
    case 'muteRequested':
      // Muting is immediate; unmuting waits for the server.
      // Muting when already muted (and no unmute is on its way) changes nothing on the server.
      if (e.muted) return { ...s, muted: true, pending: s.muted && s.pending !== 'unmute' ? null : 'mute' };
      return { ...s, pending: s.muted ? 'unmute' : null };
    case 'serverMuted':
      if (s.pending === 'mute') return e.muted ? { ...s, muted: true, pending: null } : s;
      if (s.pending === 'unmute') return e.muted ? s : { ...s, muted: false, pending: null };
      return s.muted === e.muted ? s : { ...s, muted: e.muted };
    case 'refused':
      // Connections waiting for an answer are given up by the controller (`stopped`).
      return s.pending === 'unmute' ? { ...s, pending: null } : s;
  }
}

/** The microphone track may send sound. */
export const micLive = (s: LocalMedia): boolean => s.audio === 'mic' && !s.muted;
