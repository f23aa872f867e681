// Outgoing pacing under the server's rate limits (docs/session-protocol.md, "Rules the
// server enforces"): ICE candidates have an allowance of their own (50/s, bursts of 100),
// everything else shares 20/s (bursts of 40). Each lane allows at most `limit` messages in
// any window; the queue stays in order (a candidate never overtakes the offer it belongs
// to, nor a new offer the candidates of an older connection), so a lane that is used up
// holds everything behind it.

export type Lane = 'general' | 'candidates';

export type LaneLimits = Record<Lane, number>;

export class Pacer<T> {
  private queue: { lane: Lane; item: T }[] = [];
  private readonly sent: Record<Lane, number[]> = { general: [], candidates: [] };

  constructor(
    private readonly limits: LaneLimits,
    private readonly windowMs = 1000,
  ) {}

  get size(): number {
    return this.queue.length;
  }

  push(lane: Lane, item: T): void {
    this.queue.push({ lane, item });
  }

  /** The items that may go now, in order (they are counted as sent at `now`). */
  take(now: number): T[] {
    this.expire(now);
    const out: T[] = [];
    while (this.queue.length > 0) {
      const { lane, item } = this.queue[0];
      if (this.sent[lane].length >= Math.max(1, this.limits[lane])) break;
      this.queue.shift();
      this.sent[lane].push(now);
      out.push(item);
    }
    return out;
  }

  /** How long until the first queued item may go (null when nothing waits). */
  waitMs(now: number): number | null {
    if (this.queue.length === 0) return null;
    this.expire(now);
    const times = this.sent[this.queue[0].lane];
    if (times.length < Math.max(1, this.limits[this.queue[0].lane])) return 0;
    return Math.max(0, this.windowMs - (now - times[0]));
  }

  /** Drops what waits (the socket closed: nothing is replayed on the next one). */
  clear(): void {
    this.queue = [];
  }

  private expire(now: number): void {
    for (const lane of ['general', 'candidates'] as const) {
      const times = this.sent[lane];
      let i = 0;
      while (i < times.length && now - times[i] >= this.windowMs) i++;
      if (i > 0) times.splice(0, i);
    }
  }
}

/** The lane a client message goes in. */
export const laneOf = (m: { type: string }): Lane => (m.type === 'mediaCandidate' ? 'candidates' : 'general');
