// ICE candidates that arrive before they can be used.
//
// Incoming: the node may relay Janus's candidates before the answer (or offer) they belong
// to; addIceCandidate() fails without a remote description, so they wait here.
// Outgoing: our candidates must not reach the node before the offer or answer that
// creates the Janus handle they are for, so they wait until that message is sent.

/** `null` means "gathering complete" (end of candidates). */
export type Candidate = RTCIceCandidateInit | null;

export class CandidateQueue {
  private open = false;
  private held: Candidate[] = [];

  /** Whether candidates pass straight through. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Returns the candidates to use now: the given one if open, else none (it is held). */
  add(c: Candidate): Candidate[] {
    if (this.open) return [c];
    this.held.push(c);
    return [];
  }

  /** Opens the gate and returns everything held, in arrival order. */
  release(): Candidate[] {
    this.open = true;
    const out = this.held;
    this.held = [];
    return out;
  }

  /** Drops held candidates and closes the gate (the connection is being replaced). */
  reset(): void {
    this.open = false;
    this.held = [];
  }
}
