// The real MediaController: routes the node's media messages to this tab's connections
// (audio, camera, screen, subscriber) and keeps the local state the UI shows.

import { errorPc, isMediaServerMessage, type MediaInfo, type MediaServerMessage, type MediaStopReason, type User } from '../protocol';
import type { Session } from '../session';
import { AudioLink, AudioSink } from './audio';
import { DeviceError } from './devices';
import { initialLocal, micLive, reduceLocal, type AudioMode, type LocalEvent, type LocalMedia, type OwnPc } from './local-state';
import type { OwnLink } from './own-link';
import { SignalError, type PeerEnv } from './peer';
import { Publisher } from './publisher';
import { RetryGate, SUBSCRIBER_RETRY_MS } from './recovery';
import { Subscriber } from './subscriber';
import type { MediaController, MediaHooks, StageStream } from './types';

/**
 * An offer the node never answers (nor refuses with an `error` naming its `pc`) is given
 * up after this long.
 */
const ANSWER_TIMEOUT_MS = 20000;

export class RtcMedia implements MediaController {
  readonly available = true;
  private state: LocalMedia;
  private readonly env: PeerEnv;
  private readonly sink = new AudioSink();
  private readonly links: Record<OwnPc, OwnLink | null> = { audio: null, camera: null, screen: null };
  private readonly subscriber: Subscriber;
  private readonly subscriberRetry = new RetryGate(SUBSCRIBER_RETRY_MS);
  private readonly timers = new Map<OwnPc, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private readonly unlisten: () => void;
  private list: StageStream[] = [];
  private disposed = false;

  constructor(
    private readonly session: Session,
    info: MediaInfo,
    private readonly you: User,
    private readonly hooks: MediaHooks,
  ) {
    this.env = { send: (m) => session.send(m), iceServers: Array.isArray(info.iceServers) ? info.iceServers : [] };
    this.state = initialLocal(!!you.media?.muted);
    this.subscriber = new Subscriber(
      this.env,
      () => this.changed(),
      () => this.subscriberFailed(),
    );
    this.unlisten = session.onAnyMessage((m) => this.onMessage(m));
  }

  // ---- MediaController ----

  streams(): StageStream[] {
    return this.list;
  }

  local(): LocalMedia {
    return this.state;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async setAudio(mode: AudioMode): Promise<void> {
    if (this.disposed || (mode === this.state.audio && this.links.audio)) return;
    if (this.links.audio) this.teardown('audio', true);
    if (mode === 'none') return;
    const link: AudioLink = new AudioLink(this.env, this.sink, () => this.failed('audio', link));
    this.links.audio = link;
    this.apply({ type: 'starting', pc: 'audio', mode });
    try {
      await link.start(mode, micLive(this.state));
      this.armAnswerTimer('audio', link);
    } catch (e) {
      this.startFailed('audio', link, e);
    }
  }

  setMuted(muted: boolean): void {
    if (this.disposed || this.state.audio !== 'mic') return;
    const sent = this.session.send({ type: 'mediaMute', muted });
    // Muting works locally even offline; unmuting needs the server's consent.
    if (!sent && !muted) return this.notify('offline');
    this.apply({ type: 'muteRequested', muted });
  }

  setCamera(on: boolean): Promise<void> {
    return this.setPublishing('camera', on);
  }

  setScreenShare(on: boolean): Promise<void> {
    return this.setPublishing('screen', on);
  }

  dispose(): void {
    if (this.disposed) return;
    // Local only: the connections belonged to the socket that is gone (a new welcome
    // follows a reconnect) or closing (ended); a mediaStop on a new socket would name
    // connections it never had, and its error would look like a refusal of the rejoin.
    for (const pc of ['audio', 'camera', 'screen'] as const) if (this.links[pc]) this.teardown(pc, false);
    this.disposed = true;
    this.unlisten();
    this.subscriber.close();
    this.sink.remove();
    this.listeners.clear();
  }

  // ---- incoming ----

  private onMessage(m: { type: string }): void {
    if (this.disposed) return;
    if (isMediaServerMessage(m)) return this.onMedia(m);
    if (m.type === 'userUpdated') {
      const u = (m as { user?: User }).user;
      if (u?.userId === this.you.userId && u.media) this.apply({ type: 'serverMuted', muted: !!u.media.muted });
    } else if (m.type === 'error') {
      const pc = errorPc(m);
      if (pc === null) this.apply({ type: 'refused' });
      else if (pc !== 'subscriber') this.onRefused(pc);
    }
  }

  private onMedia(m: MediaServerMessage): void {
    switch (m.type) {
      case 'mediaOffer':
        if (m.pc === 'subscriber') this.subscriber.offer(m);
        return;
      case 'mediaAnswer': {
        if (m.pc === 'subscriber') return;
        const pc = m.pc;
        const link = this.links[pc];
        if (!link) return;
        link.answer(m.sdp).then(
          () => {
            if (this.links[pc] !== link) return;
            this.clearTimer(pc);
            this.apply({ type: 'answered', pc });
          },
          () => this.failed(pc, link),
        );
        return;
      }
      case 'mediaCandidate':
        if (m.pc === 'subscriber') this.subscriber.candidate(m.candidate);
        else this.links[m.pc]?.candidate(m.candidate);
        return;
      case 'mediaStopped':
        if (m.pc === 'subscriber') {
          this.subscriber.close();
          // Janus failed (or restarted): ask for a fresh one, as after a local failure.
          if (m.reason === 'failed') this.subscriberFailed();
        } else {
          this.onStopped(m.pc, m.reason);
        }
    }
  }

  private onStopped(pc: OwnPc, reason: MediaStopReason): void {
    if (!this.links[pc]) return;
    const retry = this.retryFor(pc);
    this.teardown(pc, false);
    if (reason === 'revoked') this.notify(`media.revoked.${pc}`);
    else if (reason === 'failed') this.notify(`media.failed.${pc}`, retry);
  }

  /**
   * The node refused a request of the connection `pc` names (a lock, not the presenter,
   * Janus unavailable). If that connection's offer waits for its answer, it will never
   * come: give it up so the button does not spin. An established connection stays (the
   * refusal was of something else, e.g. a late candidate). The reducer shows the error.
   */
  private onRefused(pc: OwnPc): void {
    const link = this.links[pc];
    const starting = pc === 'audio' ? this.state.audioPhase === 'starting' : this.state[pc] === 'starting';
    if (link && starting && link.signalled) this.teardown(pc, false);
  }

  // ---- the subscriber ----

  /**
   * The subscriber connection failed (ICE/DTLS, a renegotiation, or Janus): stop it and
   * let the node offer a fresh one. At most once per SUBSCRIBER_RETRY_MS on our own;
   * after that the user is told, with a retry button.
   */
  private subscriberFailed(): void {
    if (this.disposed) return;
    if (this.subscriberRetry.take(Date.now())) return this.restartSubscriber();
    this.notify('media.failed.subscriber', () => {
      this.subscriberRetry.mark(Date.now());
      this.restartSubscriber();
    });
  }

  private restartSubscriber(): void {
    if (this.disposed) return;
    this.subscriber.close();
    // Offline: the socket's connections are gone anyway; the next welcome starts over.
    this.session.send({ type: 'mediaStop', pc: 'subscriber' });
  }

  // ---- own connections ----

  private async setPublishing(source: 'camera' | 'screen', on: boolean): Promise<void> {
    if (this.disposed) return;
    const cur = this.links[source];
    if (!on) {
      if (cur) this.teardown(source, true);
      return;
    }
    if (cur) return;
    const pub: Publisher = new Publisher(
      source,
      this.env,
      () => this.failed(source, pub),
      () => {
        if (this.links[source] === pub) this.teardown(source, true);
      },
    );
    this.links[source] = pub;
    this.apply({ type: 'starting', pc: source });
    try {
      await pub.start();
      this.changed(); // the self preview
      this.armAnswerTimer(source, pub);
    } catch (e) {
      this.startFailed(source, pub, e);
    }
  }

  /** Closes our side; tells the node when it holds a connection for it. */
  private teardown(pc: OwnPc, tellServer: boolean): void {
    const link = this.links[pc];
    if (!link) return;
    this.links[pc] = null;
    this.clearTimer(pc);
    link.stop();
    if (tellServer && link.signalled) this.session.send({ type: 'mediaStop', pc });
    this.apply({ type: 'stopped', pc });
  }

  /** The connection broke after it was set up (ICE/DTLS, a bad answer, no answer). */
  private failed(pc: OwnPc, link: OwnLink): void {
    if (this.disposed || this.links[pc] !== link) return;
    const retry = this.retryFor(pc);
    this.teardown(pc, true);
    this.notify(`media.failed.${pc}`, retry);
  }

  private startFailed(pc: OwnPc, link: OwnLink, e: unknown): void {
    if (this.disposed || this.links[pc] !== link) return; // stopped or replaced meanwhile
    const retry = this.retryFor(pc);
    this.teardown(pc, true);
    if (e instanceof DeviceError) {
      if (e.problem === 'cancelled') return;
      if (e.problem === 'insecure') return this.notify('media.insecure');
      return this.notify(`media.${e.problem}.${pc}`, e.problem === 'busy' ? retry : undefined);
    }
    if (e instanceof SignalError) return this.notify(this.session.isOpen ? 'media.tooLarge' : 'offline');
    this.notify(`media.failed.${pc}`, retry);
  }

  private retryFor(pc: OwnPc): () => void {
    if (pc === 'audio') {
      const mode = this.state.audio === 'none' ? 'listen' : this.state.audio;
      return () => void this.setAudio(mode);
    }
    return () => void this.setPublishing(pc, true);
  }

  private armAnswerTimer(pc: OwnPc, link: OwnLink): void {
    if (this.links[pc] !== link || !link.signalled) return;
    this.clearTimer(pc);
    this.timers.set(
      pc,
      setTimeout(() => {
        this.timers.delete(pc);
        this.failed(pc, link);
      }, ANSWER_TIMEOUT_MS),
    );
  }

  private clearTimer(pc: OwnPc): void {
    const t = this.timers.get(pc);
    if (t) clearTimeout(t);
    this.timers.delete(pc);
  }

  // ---- state ----

  private apply(e: LocalEvent): void {
    const next = reduceLocal(this.state, e);
    if (next === this.state) return;
    this.state = next;
    (this.links.audio as AudioLink | null)?.setMicEnabled(micLive(next));
    this.changed();
  }

  private changed(): void {
    if (this.disposed) return;
    const remote = this.subscriber.current;
    const cam = this.links.camera as Publisher | null;
    const preview = cam?.stream;
    const prev = this.list.find((x) => x.local);
    const mine: StageStream[] = preview
      ? [prev && prev.stream === preview ? prev : { userId: this.you.userId, kind: 'camera', stream: preview, local: true }]
      : [];
    this.list = [...remote, ...mine];
    for (const fn of this.listeners) fn();
  }

  private notify(code: string, retry?: () => void): void {
    if (!this.disposed) this.hooks.notify(code, retry);
  }
}
