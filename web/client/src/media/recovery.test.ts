import { describe, expect, test } from 'vitest';
import { RetryGate, SUBSCRIBER_RETRY_MS } from './recovery';
import { fitsFrame } from './peer';

describe('subscriber recovery', () => {
  test('at most one automatic retry per 10 s', () => {
    expect(SUBSCRIBER_RETRY_MS).toBe(10000);
    const g = new RetryGate(SUBSCRIBER_RETRY_MS);
    expect(g.take(1000)).toBe(true);
    expect(g.take(1001)).toBe(false);
    expect(g.take(10999)).toBe(false);
    expect(g.take(11000)).toBe(true);
    expect(g.take(12000)).toBe(false);
  });

  test('a retry the user asked for counts too', () => {
    const g = new RetryGate(SUBSCRIBER_RETRY_MS);
    g.mark(5000);
    expect(g.take(6000)).toBe(false);
    expect(g.take(15000)).toBe(true);
  });
});

describe('the size cap of signalling messages', () => {
  test('an offer up to 256 KiB goes; a larger one does not', () => {
    const sdp = (n: number) => 'v=0\r\n' + 'a'.repeat(n);
    expect(fitsFrame({ type: 'mediaPublish', source: 'camera', sdp: sdp(100 * 1024) })).toBe(true);
    expect(fitsFrame({ type: 'mediaAnswer', pc: 'subscriber', sdp: sdp(250 * 1024) })).toBe(true);
    expect(fitsFrame({ type: 'mediaAnswer', pc: 'subscriber', sdp: sdp(256 * 1024) })).toBe(false);
  });
});
