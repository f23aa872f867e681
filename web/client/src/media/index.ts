// Media (audio, webcams, screen sharing). The stage and the action bar only use the
// MediaController interface; with media enabled it exchanges `media*` messages over the
// session socket (docs/session-protocol.md, "Media").

import type { MediaInfo, User } from '../protocol';
import type { Session } from '../session';
import { RtcMedia } from './controller';
import { initialLocal } from './local-state';
import type { MediaController, MediaHooks, StageStream } from './types';

export type { AudioMode, LocalMedia, MediaController, MediaHooks, StageStream, StreamKind } from './types';

class NoMedia implements MediaController {
  readonly available = false;
  private readonly idle = initialLocal(false);
  constructor(readonly reason?: string) {}
  streams(): StageStream[] {
    return [];
  }
  local() {
    return this.idle;
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

/** A controller that offers nothing (before the first welcome). */
export const noMedia = (): MediaController => new NoMedia();

/** Creates the media controller for one `welcome` (a new welcome replaces it). */
export function createMedia(session: Session, info: MediaInfo, you: User, hooks: MediaHooks): MediaController {
  if (!info.enabled || typeof RTCPeerConnection === 'undefined') return new NoMedia(info.reason);
  return new RtcMedia(session, info, you, hooks);
}
