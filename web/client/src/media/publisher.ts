// This user's webcam or screen share, published send-only.

import type { MediaSource } from '../protocol';
import { openCamera, openScreen } from './devices';
import { OwnLink } from './own-link';
import type { PeerEnv } from './peer';

export class Publisher extends OwnLink {
  constructor(
    readonly source: MediaSource,
    env: PeerEnv,
    onFailed: () => void,
    /** the capture ended outside the page (the browser's "Stop sharing", an unplugged camera) */
    private readonly onEnded: () => void,
  ) {
    super(source, env, onFailed);
  }

  /** What we send, for the self preview. */
  get stream(): MediaStream | null {
    return this.local;
  }

  /** Throws DeviceError or SignalError. */
  async start(): Promise<void> {
    const captured = this.source === 'camera' ? await openCamera() : await openScreen();
    if (!this.adopt(captured)) return;
    const track = captured.getVideoTracks()[0];
    if (!track) throw new Error('no video track');
    track.addEventListener('ended', () => {
      if (!this.stopped) this.onEnded();
    });
    const peer = this.openPeer();
    peer.pc.addTransceiver(track, { direction: 'sendonly', streams: [captured] });
    await this.offer(peer, (sdp) => ({ type: 'mediaPublish', source: this.source, sdp }));
  }
}
