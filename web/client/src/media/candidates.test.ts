import { describe, expect, test } from 'vitest';
import { CandidateQueue } from './candidates';

const c = (n: number): RTCIceCandidateInit => ({ candidate: `candidate:${n} 1 udp 1 10.0.0.${n} 5000 typ host`, sdpMid: '0' });

describe('CandidateQueue', () => {
  test('holds candidates until released, then hands them over in arrival order', () => {
    const q = new CandidateQueue();
    expect(q.add(c(1))).toEqual([]);
    expect(q.add(c(2))).toEqual([]);
    expect(q.add(null)).toEqual([]);
    expect(q.isOpen).toBe(false);
    expect(q.release()).toEqual([c(1), c(2), null]);
    expect(q.isOpen).toBe(true);
  });

  test('passes candidates straight through once open', () => {
    const q = new CandidateQueue();
    expect(q.release()).toEqual([]);
    expect(q.add(c(3))).toEqual([c(3)]);
    expect(q.add(null)).toEqual([null]);
    expect(q.release()).toEqual([]);
  });

  test('reset drops what was held and closes the gate again', () => {
    const q = new CandidateQueue();
    q.add(c(1));
    q.reset();
    expect(q.release()).toEqual([]);
    q.reset();
    expect(q.add(c(2))).toEqual([]);
    expect(q.release()).toEqual([c(2)]);
  });
});
