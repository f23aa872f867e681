// A connection this tab offers (audio, camera, screen): capture, offer, wait for the
// node's `mediaAnswer`. Subclasses decide what to capture and which message carries
// the offer.

import type { ClientMessage } from '../protocol';
import type { Candidate } from './candidates';
import { stopTracks } from './devices';
import type { OwnPc } from './local-state';
import { makeOffer, Peer, type PeerEnv } from './peer';

export abstract class OwnLink {
  protected peer: Peer | null = null;
  protected local: MediaStream | null = null;
  private stoppedFlag = false;
  private offered = false;

  constructor(
    readonly pc: OwnPc,
    protected readonly env: PeerEnv,
    private readonly onFailed: () => void,
  ) {}

  /** stop() was called; an unfinished start() gives up quietly */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** the offer reached the server, which may hold a connection for it */
  get signalled(): boolean {
    return this.offered;
  }

  async answer(sdp: string): Promise<void> {
    await this.peer?.setRemote({ type: 'answer', sdp });
  }

  candidate(c: Candidate): void {
    this.peer?.addRemoteCandidate(c);
  }

  /** Local teardown only; the caller tells the server (mediaStop) when it has to. */
  stop(): void {
    this.stoppedFlag = true;
    stopTracks(this.local);
    this.local = null;
    this.peer?.close();
    this.peer = null;
  }

  /** Keeps a captured stream, unless stop() came first (then it is released at once). */
  protected adopt(stream: MediaStream): boolean {
    if (this.stoppedFlag) {
      stopTracks(stream);
      return false;
    }
    this.local = stream;
    return true;
  }

  protected openPeer(): Peer {
    const peer = new Peer(this.pc, this.env);
    peer.onFailed = () => {
      if (!this.stoppedFlag) this.onFailed();
    };
    this.peer = peer;
    return peer;
  }

  /** Offers and sends it in the message `build` makes; false if stopped meanwhile. */
  protected async offer(peer: Peer, build: (sdp: string) => ClientMessage): Promise<boolean> {
    const sdp = await makeOffer(peer);
    if (this.stoppedFlag) return false;
    peer.signal(build(sdp));
    this.offered = true;
    return true;
  }
}
