import { describe, expect, test } from 'vitest';
import type { User, WelcomeMsg } from './protocol';
import { initialState, mutedByAll, normalizeMedia, reduce, type AppState } from './state';

const user = (userId: string, extra: Partial<User> = {}): User => ({
  userId,
  extUserId: userId,
  name: userId,
  role: 'VIEWER',
  presenter: false,
  raisedHand: false,
  guest: false,
  locked: false,
  media: { audio: 'none', muted: false, talking: false, video: false, screen: false },
  ...extra,
});

const welcome = (media: unknown): WelcomeMsg =>
  ({
    type: 'welcome',
    you: user('w_me'),
    meeting: { name: 'm' },
    lock: {},
    users: [user('w_me')],
    chat: [],
    guests: [],
    media,
  }) as unknown as WelcomeMsg;

const joined = (media: unknown): AppState => reduce(initialState(true), { type: 'server', msg: welcome(media) });

describe('welcome.media', () => {
  test('enabled with its ICE servers', () => {
    const ice = [{ urls: 'stun:stun.example.org' }, { urls: ['turn:t.example.org'], username: 'u', credential: 'c' }];
    expect(joined({ enabled: true, iceServers: ice }).media).toEqual({ enabled: true, iceServers: ice, mutedAll: false });
  });

  test('an enabled media without ICE servers gets an empty list; bad entries are dropped', () => {
    expect(normalizeMedia({ enabled: true })).toEqual({ enabled: true, iceServers: [], mutedAll: false });
    expect(normalizeMedia({ enabled: true, iceServers: [null, { urls: 3 }, { urls: 'stun:x' }] as never })).toEqual({
      enabled: true,
      iceServers: [{ urls: 'stun:x' }],
      mutedAll: false,
    });
  });

  test('disabled, missing or malformed means no media (today’s node)', () => {
    expect(joined({ enabled: false, reason: 'off' }).media).toEqual({ enabled: false, reason: 'off' });
    expect(joined(undefined).media).toEqual({ enabled: false });
    expect(normalizeMedia({ enabled: 'yes' } as never)).toEqual({ enabled: false });
  });
});

describe('media in the reducer', () => {
  test('userUpdated carries talking, muted and listen-only state to the list and to `you`', () => {
    const s = reduce(joined({ enabled: true }), {
      type: 'server',
      msg: { type: 'userUpdated', user: user('w_me', { media: { audio: 'mic', muted: true, talking: false, video: true, screen: false } }) },
    });
    expect(s.you?.media).toEqual({ audio: 'mic', muted: true, talking: false, video: true, screen: false });
    expect(s.users.get('w_me')?.media.muted).toBe(true);
  });

  test('a toast can carry an action (retry), and identical toasts collapse', () => {
    let retried = 0;
    const action = { label: 'Retry', run: () => retried++ };
    let s = reduce(joined({ enabled: true }), { type: 'localError', code: 'media.failed.camera', message: '', action });
    s = reduce(s, { type: 'localError', code: 'media.failed.camera', message: '', action });
    expect(s.toasts).toHaveLength(1);
    s.toasts[0].action?.run();
    expect(retried).toBe(1);
    const plain = reduce(s, { type: 'localError', code: 'media.revoked.screen', message: '' });
    expect(plain.toasts[1].action).toBeUndefined();
  });

  test('a refused unmute shows the server’s `locked` error', () => {
    const s = reduce(joined({ enabled: true }), { type: 'server', msg: { type: 'error', code: 'locked', message: 'Microphones are locked' } });
    expect(s.toasts.map((x) => x.code)).toEqual(['locked']);
  });
});

describe('mute-all', () => {
  const mic = { audio: 'mic' as const, muted: false, talking: false, video: false, screen: false };
  const as = (you: User, media: unknown = { enabled: true }): AppState =>
    reduce(initialState(true), { type: 'server', msg: { ...welcome(media), you, users: [you] } });
  const mutedAll = (muted: boolean) => ({ type: 'server' as const, msg: { type: 'mediaMutedAll' as const, muted } });

  test('welcome.media.mutedAll is kept (only `true` counts)', () => {
    expect(joined({ enabled: true, mutedAll: true }).media.mutedAll).toBe(true);
    expect(joined({ enabled: true, mutedAll: 'yes' }).media.mutedAll).toBe(false);
  });

  test('mediaMutedAll sets and lifts it', () => {
    let s = reduce(joined({ enabled: true }), mutedAll(true));
    expect(s.media.mutedAll).toBe(true);
    s = reduce(s, mutedAll(false));
    expect(s.media.mutedAll).toBe(false);
    // Without media there is nothing to mute.
    expect(reduce(joined({ enabled: false }), mutedAll(true)).media.mutedAll).toBeUndefined();
  });

  test('a viewer with a microphone is told; a moderator or a listener is not', () => {
    let s = reduce(as(user('w_me', { media: mic })), mutedAll(true));
    expect(s.toasts.map((x) => x.code)).toEqual(['media.mutedAll']);
    s = reduce(s, mutedAll(true)); // no change, no second toast
    expect(s.toasts).toHaveLength(1);
    s = reduce(s, mutedAll(false));
    expect(s.toasts.map((x) => x.code)).toEqual(['media.mutedAll', 'media.mutedAllLifted']);
    expect(reduce(as(user('w_me', { role: 'MODERATOR', media: mic })), mutedAll(true)).toasts).toEqual([]);
    expect(reduce(as(user('w_me')), mutedAll(true)).toasts).toEqual([]);
  });

  test('mutedByAll: a muted viewer (not the presenter) while the rule is on', () => {
    const s = reduce(as(user('w_me', { media: mic })), mutedAll(true));
    expect(mutedByAll(s, true)).toBe(true);
    expect(mutedByAll(s, false)).toBe(false);
    expect(mutedByAll(reduce(s, mutedAll(false)), true)).toBe(false);
    expect(mutedByAll(reduce(as(user('w_me', { presenter: true })), mutedAll(true)), true)).toBe(false);
    expect(mutedByAll(reduce(as(user('w_me', { role: 'MODERATOR' })), mutedAll(true)), true)).toBe(false);
  });
});
