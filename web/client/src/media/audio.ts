// The meeting's mixed audio: microphone (sendrecv) or listen only (recvonly).

import { openMicrophone } from './devices';
import { OwnLink } from './own-link';
import type { PeerEnv } from './peer';

/**
 * The hidden <audio> element the mix plays through. It must be in the document and
 * playing: Chromium does not decode inbound WebRTC audio that nothing plays.
 */
export class AudioSink {
  private el: HTMLAudioElement | null = null;

  play(stream: MediaStream): void {
    if (!this.el) {
      const el = document.createElement('audio');
      el.autoplay = true;
      el.hidden = true;
      el.setAttribute('data-testid', 'meeting-audio');
      document.body.appendChild(el);
      this.el = el;
    }
    if (this.el.srcObject !== stream) this.el.srcObject = stream;
    // Joining is a click, so autoplay is allowed; a refusal still leaves the element ready.
    this.el.play().catch(() => {});
  }

  clear(): void {
    if (this.el) this.el.srcObject = null;
  }

  remove(): void {
    this.el?.remove();
    this.el = null;
  }
}

export class AudioLink extends OwnLink {
  constructor(env: PeerEnv, private readonly sink: AudioSink, onFailed: () => void) {
    super('audio', env, onFailed);
  }

  /** Throws DeviceError (microphone) or SignalError (could not send). */
  async start(mode: 'mic' | 'listen', micEnabled: boolean): Promise<void> {
    if (mode === 'mic' && !this.adopt(await openMicrophone())) return;
    this.setMicEnabled(micEnabled);
    const peer = this.openPeer();
    const track = this.local?.getAudioTracks()[0];
    if (track && this.local) peer.pc.addTransceiver(track, { direction: 'sendrecv', streams: [this.local] });
    else peer.pc.addTransceiver('audio', { direction: 'recvonly' });
    peer.pc.ontrack = (e) => this.sink.play(e.streams[0] ?? new MediaStream([e.track]));
    await this.offer(peer, (sdp) => ({ type: 'mediaAudioJoin', listenOnly: mode === 'listen', sdp }));
  }

  /** Muting disables the track: silence goes out, the device stays open for a quick unmute. */
  setMicEnabled(on: boolean): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = on;
  }

  override stop(): void {
    super.stop();
    this.sink.clear();
  }
}
