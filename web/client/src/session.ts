// The session WebSocket: connect, reconnect with backoff, keepalive, outgoing rate limit.
// It knows the wire format but nothing about the UI; the store (state.ts) listens to it.

import {
  type ClientMessage,
  type ServerMessage,
  isKnownServerMessage,
  parseServerMessage,
} from './protocol';
import { Pacer, laneOf } from './pacing';

export type ConnStatus =
  /** first connection attempt, nothing received yet */
  | 'connecting'
  /** socket open */
  | 'open'
  /** the socket dropped unexpectedly; waiting `retryInMs` before the next attempt */
  | 'reconnecting'
  /** the session is over (ended, denied, or stopped); no more attempts */
  | 'closed';

export interface ConnInfo {
  status: ConnStatus;
  /** consecutive failed attempts since the last good connection */
  attempt: number;
  /** delay before the next attempt, while reconnecting */
  retryInMs: number;
  /** when the next attempt starts (epoch ms), while reconnecting */
  retryAt: number;
}

/** Backoff between attempts: 1 s, 2 s, 5 s, then 10 s. */
export const BACKOFF_MS = [1000, 2000, 5000, 10000] as const;
export function backoffDelay(attempt: number): number {
  const i = Math.max(0, Math.min(attempt - 1, BACKOFF_MS.length - 1));
  return BACKOFF_MS[i];
}

/** ws:// or wss:// URL of the session socket on the page's own origin. */
export function sessionSocketUrl(token: string, loc: Pick<Location, 'protocol' | 'host'> = location): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc.host}/client/ws?sessionToken=${encodeURIComponent(token)}`;
}

type Listener<T> = (v: T) => void;

export interface SessionOptions {
  /** keepalive ping interval */
  pingIntervalMs?: number;
  /** the socket is considered dead after this long without any frame */
  deadAfterMs?: number;
  /** outgoing messages allowed per second (the server drops above 20/s) */
  maxPerSecond?: number;
  /** outgoing ICE candidates allowed per second (their own allowance: the server drops above 50/s) */
  maxCandidatesPerSecond?: number;
  /** for tests */
  WebSocketImpl?: typeof WebSocket;
}

export class Session {
  private ws: WebSocket | null = null;
  private finished = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAt = 0;
  private pingSeq = 0;
  private readonly outbox: Pacer<string>;
  private info: ConnInfo = { status: 'connecting', attempt: 0, retryInMs: 0, retryAt: 0 };
  private readonly msgListeners = new Set<Listener<ServerMessage>>();
  private readonly rawListeners = new Set<Listener<{ type: string }>>();
  private readonly connListeners = new Set<Listener<ConnInfo>>();
  private readonly opts: Required<Omit<SessionOptions, 'WebSocketImpl'>> & { WebSocketImpl?: typeof WebSocket };

  constructor(private readonly url: string, opts: SessionOptions = {}) {
    this.opts = {
      pingIntervalMs: opts.pingIntervalMs ?? 25000,
      deadAfterMs: opts.deadAfterMs ?? 65000,
      maxPerSecond: opts.maxPerSecond ?? 12,
      maxCandidatesPerSecond: opts.maxCandidatesPerSecond ?? 40,
      WebSocketImpl: opts.WebSocketImpl,
    };
    this.outbox = new Pacer({ general: this.opts.maxPerSecond, candidates: this.opts.maxCandidatesPerSecond });
  }

  get conn(): ConnInfo {
    return this.info;
  }

  get isOpen(): boolean {
    return this.ws !== null && this.ws.readyState === 1;
  }

  /** Known protocol messages. */
  onMessage(fn: Listener<ServerMessage>): () => void {
    this.msgListeners.add(fn);
    return () => this.msgListeners.delete(fn);
  }

  /** Every message including unknown types (media and later features subscribe here). */
  onAnyMessage(fn: Listener<{ type: string }>): () => void {
    this.rawListeners.add(fn);
    return () => this.rawListeners.delete(fn);
  }

  onConn(fn: Listener<ConnInfo>): () => void {
    this.connListeners.add(fn);
    return () => this.connListeners.delete(fn);
  }

  start(): void {
    if (this.finished || this.ws) return;
    this.open();
    window.addEventListener('online', this.onOnline);
  }

  /** Stops for good: no reconnect. */
  stop(): void {
    this.finished = true;
    this.clearTimers();
    window.removeEventListener('online', this.onOnline);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      this.detach(ws);
      try {
        ws.close(1000);
      } catch {
        /* already closed */
      }
    }
    this.setConn({ status: 'closed', attempt: this.attempt, retryInMs: 0, retryAt: 0 });
  }

  /**
   * Queues a message. Returns false (and drops it) when the socket is not open:
   * actions taken while offline are not replayed after a reconnect.
   */
  send(msg: ClientMessage): boolean {
    if (!this.isOpen) return false;
    this.outbox.push(laneOf(msg), JSON.stringify(msg));
    this.flush();
    return true;
  }

  /** Skips the rest of the backoff wait and tries again now. */
  retryNow(): void {
    if (this.finished || this.info.status !== 'reconnecting' || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  // ---- internals ----

  // The network is back: do not wait for the rest of the backoff.
  private readonly onOnline = (): void => this.retryNow();

  private open(): void {
    if (this.finished) return;
    const Impl = this.opts.WebSocketImpl ?? WebSocket;
    let ws: WebSocket;
    try {
      ws = new Impl(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    if (this.attempt > 0) this.setConn({ status: 'reconnecting', attempt: this.attempt, retryInMs: 0, retryAt: 0 });
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastFrameAt = Date.now();
      this.setConn({ status: 'open', attempt: this.attempt, retryInMs: 0, retryAt: 0 });
      this.startPing();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws || typeof ev.data !== 'string') return;
      this.lastFrameAt = Date.now();
      const m = parseServerMessage(ev.data);
      if (!m) return;
      // A message that admits us (or places us in the waiting room) means the connection works.
      if (m.type === 'welcome' || m.type === 'waiting') this.attempt = 0;
      if (m.type === 'ended' || m.type === 'denied') this.finished = true;
      for (const fn of this.rawListeners) fn(m);
      if (isKnownServerMessage(m)) for (const fn of this.msgListeners) fn(m);
      if (this.finished) this.stop();
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.detach(ws);
      this.ws = null;
      this.stopPing();
      this.outbox.clear();
      if (this.finished) {
        this.setConn({ status: 'closed', attempt: this.attempt, retryInMs: 0, retryAt: 0 });
      } else {
        this.scheduleReconnect();
      }
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  private detach(ws: WebSocket): void {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
  }

  private scheduleReconnect(): void {
    if (this.finished) return;
    this.attempt += 1;
    const delay = backoffDelay(this.attempt);
    this.setConn({ status: 'reconnecting', attempt: this.attempt, retryInMs: delay, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      const ws = this.ws;
      if (!ws) return;
      if (Date.now() - this.lastFrameAt > this.opts.deadAfterMs) {
        // Silent for too long: assume the path is dead and start over.
        try {
          ws.close(4000, 'keepalive timeout');
        } catch {
          /* ignore */
        }
        ws.onclose?.(new CloseEvent('close'));
        return;
      }
      this.send({ type: 'ping', id: ++this.pingSeq });
    }, this.opts.pingIntervalMs);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  private clearTimers(): void {
    this.stopPing();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.retryTimer = this.flushTimer = null;
  }

  /**
   * Sends queued frames in order: at most `maxPerSecond` in any one-second window, and
   * ICE candidates at most `maxCandidatesPerSecond` of their own.
   */
  private flush(): void {
    if (this.flushTimer || !this.isOpen) return;
    const now = Date.now();
    for (const frame of this.outbox.take(now)) this.ws!.send(frame);
    const wait = this.outbox.waitMs(now);
    if (wait !== null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush();
      }, Math.max(20, wait));
    }
  }

  private setConn(info: ConnInfo): void {
    this.info = info;
    for (const fn of this.connListeners) fn(info);
  }
}
