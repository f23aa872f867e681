// One RTCPeerConnection named by its protocol `pc`, with trickle ICE both ways.

import { MAX_FRAME_BYTES, type ClientMessage, type MediaPc } from '../protocol';
import { CandidateQueue, type Candidate } from './candidates';

export type Send = (m: ClientMessage) => boolean;

export interface PeerEnv {
  send: Send;
  iceServers: RTCIceServer[];
}

/** Thrown when a signalling message could not go out (offline, or over the frame limit). */
export class SignalError extends Error {}

/** The server closes the socket on frames over the limit: never send one. */
export function fitsFrame(m: ClientMessage): boolean {
  return new TextEncoder().encode(JSON.stringify(m)).length <= MAX_FRAME_BYTES;
}

export class Peer {
  readonly pc: RTCPeerConnection;
  private readonly incoming = new CandidateQueue();
  private readonly outgoing = new CandidateQueue();
  private sentEnd = false;
  private closed = false;
  private failed = false;
  /** ICE or DTLS failed for good (called once) */
  onFailed: () => void = () => {};

  constructor(readonly name: MediaPc, private readonly env: PeerEnv) {
    this.pc = new RTCPeerConnection({ iceServers: env.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc.onicecandidate = (e) => {
      // Some browsers signal the end with an empty candidate before the null one.
      const c: Candidate = e.candidate && e.candidate.candidate ? e.candidate.toJSON() : null;
      this.sendCandidates(this.outgoing.add(c));
    };
    // connectionState covers DTLS too; iceConnectionState is all some browsers report.
    this.pc.onconnectionstatechange = () => {
      if (this.pc.connectionState === 'failed') this.fail();
    };
    this.pc.oniceconnectionstatechange = () => {
      if (this.pc.iceConnectionState === 'failed') this.fail();
    };
  }

  private fail(): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.onFailed();
  }

  /** Sends our offer or answer, then the candidates gathered meanwhile. */
  signal(m: ClientMessage): void {
    if (this.closed) return;
    if (!fitsFrame(m)) throw new SignalError('description too large');
    if (!this.env.send(m)) throw new SignalError('not connected');
    this.sendCandidates(this.outgoing.release());
  }

  async setRemote(desc: RTCSessionDescriptionInit): Promise<void> {
    await this.pc.setRemoteDescription(desc);
    for (const c of this.incoming.release()) await this.apply(c);
  }

  addRemoteCandidate(c: Candidate): void {
    for (const x of this.incoming.add(c)) void this.apply(x);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.incoming.reset();
    this.outgoing.reset();
    this.pc.onicecandidate = this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = this.pc.ontrack = null;
    this.pc.close();
  }

  private sendCandidates(list: Candidate[]): void {
    for (const c of list) {
      if (this.closed || this.sentEnd) return;
      if (c === null) this.sentEnd = true;
      this.env.send({ type: 'mediaCandidate', pc: this.name, candidate: c });
    }
  }

  private async apply(c: Candidate): Promise<void> {
    if (this.closed) return;
    try {
      await this.pc.addIceCandidate(c ?? undefined);
    } catch {
      // A candidate for a transport we do not use (or a late end-of-candidates) is harmless.
    }
  }
}

/** createOffer → setLocalDescription, returning the SDP to send. */
export async function makeOffer(peer: Peer): Promise<string> {
  const offer = await peer.pc.createOffer();
  await peer.pc.setLocalDescription(offer);
  return peer.pc.localDescription?.sdp ?? offer.sdp ?? '';
}
