// How often a broken connection may be started again on our own: a subscriber that keeps
// failing must not turn into a loop of mediaStop → mediaOffer → failure.

/** At most one automatic retry per this long. */
export const SUBSCRIBER_RETRY_MS = 10000;

export class RetryGate {
  private last: number | null = null;

  constructor(private readonly intervalMs: number) {}

  /** Whether a retry may start at `now`; if so it is counted. */
  take(now: number): boolean {
    if (this.last !== null && now - this.last < this.intervalMs) return false;
    this.last = now;
    return true;
  }

  /** Counts a retry that started anyway (the user asked for it). */
  mark(now: number): void {
    this.last = now;
  }
}
