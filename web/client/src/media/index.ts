// Media (audio, webcams, screen sharing) plugs in here later.
//
// The stage (components/Stage.tsx) and the action bar only use the MediaController
// interface below. Today createMedia() returns a controller that has nothing to show;
// a real one will exchange `media*` messages over the same session socket
// (Session.onAnyMessage / Session.send) — the protocol reserves those types.

import type { MediaInfo } from '../protocol';
import type { Session } from '../session';

export type StreamKind = 'camera' | 'screen';

export interface StageStream {
  /** whose stream */
  userId: string;
  kind: StreamKind;
  stream: MediaStream;
}

export type AudioMode = 'none' | 'listen' | 'mic';

export interface MediaController {
  /** false when the server has no media (welcome.media.enabled === false) */
  readonly available: boolean;
  /** why not, if the server said */
  readonly reason?: string;
  /** streams the stage should show, screen shares first */
  streams(): StageStream[];
  /** called whenever streams() or the local state changes */
  subscribe(fn: () => void): () => void;
  /** local controls, used by the action bar once media exists */
  setAudio(mode: AudioMode): Promise<void>;
  setMuted(muted: boolean): void;
  setCamera(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  /** tear down peer connections and local tracks (leaving, ended, new welcome) */
  dispose(): void;
}

class NoMedia implements MediaController {
  readonly available = false;
  constructor(readonly reason?: string) {}
  streams(): StageStream[] {
    return [];
  }
  subscribe(): () => void {
    return () => {};
  }
  async setAudio(): Promise<void> {}
  setMuted(): void {}
  async setCamera(): Promise<void> {}
  async setScreenShare(): Promise<void> {}
  dispose(): void {}
}

/** Creates the media controller for one `welcome` (a new welcome replaces it). */
export function createMedia(_session: Session, info: MediaInfo): MediaController {
  return new NoMedia(info.enabled ? undefined : info.reason);
}
