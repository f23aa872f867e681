// Everyone else's webcams and screens, in one connection the node offers. Each new
// `mediaOffer` renegotiates the same RTCPeerConnection; its `streams` say whose camera
// or screen each mid carries.

import type { MediaOfferMsg, MediaStreamDesc } from '../protocol';
import type { Candidate } from './candidates';
import { Peer, type PeerEnv } from './peer';
import { groupTracks, parseStreams, sameTracks } from './streams';
import type { StageStream } from './types';

interface Shown {
  stream: StageStream;
  tracks: MediaStreamTrack[];
}

export class Subscriber {
  private peer: Peer | null = null;
  private streams: MediaStreamDesc[] = [];
  private shown = new Map<string, Shown>();
  private list: StageStream[] = [];
  // Offers are handled one after the other: a renegotiation must not start mid-way.
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly env: PeerEnv,
    private readonly onChange: () => void,
    private readonly onFailed: (e: unknown) => void,
  ) {}

  get current(): StageStream[] {
    return this.list;
  }

  offer(m: MediaOfferMsg): void {
    this.queue = this.queue.then(() => this.renegotiate(m));
  }

  candidate(c: Candidate): void {
    // Candidates before the first offer belong to it: the new peer's queue holds them.
    this.ensurePeer().addRemoteCandidate(c);
  }

  /** The node ended the connection (or we are about to ask for a new one); a later offer starts a new one. */
  close(): void {
    this.peer?.close();
    this.peer = null;
    this.streams = [];
    this.refresh();
  }

  private ensurePeer(): Peer {
    if (this.peer) return this.peer;
    const peer = new Peer('subscriber', this.env);
    // Only the current connection's failure counts (a closed one's is already dealt with).
    peer.onFailed = () => {
      if (this.peer === peer) this.onFailed(new Error('ice failed'));
    };
    // Tracks can appear after the answer (ontrack) and end on renegotiation (mute/unmute).
    peer.pc.ontrack = (e) => {
      this.refresh();
      e.track.addEventListener('ended', () => this.refresh());
    };
    this.peer = peer;
    return peer;
  }

  private async renegotiate(m: MediaOfferMsg): Promise<void> {
    const peer = this.ensurePeer();
    try {
      await peer.setRemote({ type: 'offer', sdp: m.sdp });
      const answer = await peer.pc.createAnswer();
      await peer.pc.setLocalDescription(answer);
      if (this.peer !== peer) return;
      peer.signal({ type: 'mediaAnswer', pc: 'subscriber', sdp: peer.pc.localDescription?.sdp ?? answer.sdp ?? '' });
    } catch (e) {
      // A connection closed meanwhile (mediaStopped, our own restart) fails harmlessly.
      if (this.peer === peer) this.onFailed(e);
      return;
    }
    this.streams = parseStreams(m.streams);
    this.refresh();
  }

  private trackFor(mid: string): MediaStreamTrack | undefined {
    const tr = this.peer?.pc.getTransceivers().find((x) => x.mid === mid);
    if (!tr || tr.currentDirection === 'inactive' || tr.currentDirection === 'stopped') return undefined;
    const track = tr.receiver.track;
    return track && track.readyState === 'live' ? track : undefined;
  }

  /** Rebuilds the stage list, keeping each MediaStream while its tracks stay the same. */
  private refresh(): void {
    const groups = groupTracks(this.streams, (mid) => this.trackFor(mid));
    const next = new Map<string, Shown>();
    for (const g of groups) {
      const old = this.shown.get(g.key);
      next.set(
        g.key,
        old && sameTracks(old.tracks, g.tracks)
          ? old
          : { stream: { userId: g.userId, kind: g.source, stream: new MediaStream(g.tracks) }, tracks: g.tracks },
      );
    }
    const list = groups.map((g) => next.get(g.key)!.stream);
    const changed = list.length !== this.list.length || list.some((x, i) => x !== this.list[i]);
    this.shown = next;
    this.list = list;
    if (changed) this.onChange();
  }
}
