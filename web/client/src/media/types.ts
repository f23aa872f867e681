// What the stage and the action bar see of media: the MediaController interface.

import type { AudioMode, LocalMedia } from './local-state';

export type { AudioMode, LocalMedia };

export type StreamKind = 'camera' | 'screen';

export interface StageStream {
  /** whose stream */
  userId: string;
  kind: StreamKind;
  stream: MediaStream;
  /** this tab's own camera preview (never played with sound, shown mirrored) */
  local?: boolean;
}

export interface MediaController {
  /** false when the server has no media (welcome.media.enabled === false) */
  readonly available: boolean;
  /** why not, if the server said */
  readonly reason?: string;
  /** streams the stage should show, screen shares first */
  streams(): StageStream[];
  /** this tab's own audio, camera and screen state */
  local(): LocalMedia;
  /** called whenever streams() or local() changes */
  subscribe(fn: () => void): () => void;
  setAudio(mode: AudioMode): Promise<void>;
  setMuted(muted: boolean): void;
  setCamera(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  /** tear down peer connections and local tracks (leaving, ended, new welcome) */
  dispose(): void;
}

export interface MediaHooks {
  /** shows a toast (`code` is a key of t.errors); `retry` adds a retry button */
  notify(code: string, retry?: () => void): void;
}
