import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ClientMessage, User } from '../protocol';
import type { Session } from '../session';
import { RtcMedia } from './controller';

// A session that records what is sent and lets the test play the node's messages.
function fakeSession() {
  const sent: ClientMessage[] = [];
  let listener: (m: { type: string }) => void = () => {};
  const session = {
    isOpen: true,
    send: (m: ClientMessage) => (sent.push(m), true),
    onAnyMessage: (fn: (m: { type: string }) => void) => ((listener = fn), () => {}),
  } as unknown as Session;
  return { session, sent, receive: (m: object) => listener(m as { type: string }) };
}

const me: User = {
  userId: 'w_me',
  extUserId: 'w_me',
  name: 'me',
  role: 'VIEWER',
  presenter: false,
  raisedHand: false,
  guest: false,
  locked: false,
  media: { audio: 'none', muted: false, talking: false, video: false, screen: false },
};

describe('the subscriber after a failure of Janus', () => {
  beforeEach(() => vi.useFakeTimers({ now: 100000 }));
  afterEach(() => vi.useRealTimers());

  test('mediaStopped (failed) asks for a fresh one, at most once per 10 s; then the user is told', () => {
    const { session, sent, receive } = fakeSession();
    const notified: string[] = [];
    let retry: (() => void) | undefined;
    const media = new RtcMedia(session, { enabled: true, iceServers: [] }, me, {
      notify: (code, r) => {
        notified.push(code);
        retry = r;
      },
    });
    const stops = () => sent.filter((m) => m.type === 'mediaStop' && m.pc === 'subscriber').length;

    receive({ type: 'mediaStopped', pc: 'subscriber', reason: 'failed' });
    expect(stops()).toBe(1);
    expect(notified).toEqual([]);

    vi.advanceTimersByTime(5000);
    receive({ type: 'mediaStopped', pc: 'subscriber', reason: 'failed' });
    expect(stops()).toBe(1);
    expect(notified).toEqual(['media.failed.subscriber']);
    retry?.();
    expect(stops()).toBe(2);

    // An ordinary end (revoked, ended, our own stop) asks for nothing.
    vi.advanceTimersByTime(20000);
    receive({ type: 'mediaStopped', pc: 'subscriber', reason: 'ended' });
    expect(stops()).toBe(2);
    receive({ type: 'mediaStopped', pc: 'subscriber', reason: 'failed' });
    expect(stops()).toBe(3);
    media.dispose();
  });

  test('a refusal naming no connection gives up nothing; one naming the subscriber is left to the toast', () => {
    const { session, sent, receive } = fakeSession();
    const media = new RtcMedia(session, { enabled: true, iceServers: [] }, me, { notify: () => {} });
    receive({ type: 'error', code: 'forbidden', message: 'no', pc: '' });
    receive({ type: 'error', code: 'badRequest', message: 'no', pc: 'subscriber' });
    expect(sent).toEqual([]);
    expect(media.local()).toMatchObject({ audio: 'none', camera: 'off', screen: 'off' });
    media.dispose();
  });
});

describe('a refused media request', () => {
  test('fails exactly the pending offer its `pc` names', () => {
    const { session, sent, receive } = fakeSession();
    const media = new RtcMedia(session, { enabled: true, iceServers: [] }, me, { notify: () => {} });
    // Two offers wait for their answers (links stand in for the real connections).
    const stopped: string[] = [];
    const link = (name: string) => ({ signalled: true, stop: () => stopped.push(name) });
    const inner = media as unknown as { links: Record<string, unknown>; apply(e: object): void };
    inner.links.camera = link('camera');
    inner.apply({ type: 'starting', pc: 'camera' });
    inner.links.screen = link('screen');
    inner.apply({ type: 'starting', pc: 'screen' });

    receive({ type: 'error', code: 'forbidden', message: 'not the presenter', pc: 'screen' });
    expect(stopped).toEqual(['screen']);
    expect(media.local()).toMatchObject({ camera: 'starting', screen: 'off' });
    // Refused, so nothing to stop on the node.
    expect(sent).toEqual([]);

    // An error naming no connection leaves the camera's offer to its answer (or the timeout).
    receive({ type: 'error', code: 'rateLimited', message: 'slow down' });
    expect(media.local().camera).toBe('starting');
    media.dispose();
  });
});
