import { describe, expect, test } from 'vitest';
import { initialLocal, micLive, reduceLocal, type LocalEvent, type LocalMedia } from './local-state';

const run = (s: LocalMedia, ...events: LocalEvent[]): LocalMedia => events.reduce(reduceLocal, s);

describe('own connections', () => {
  test('audio goes starting → on → off', () => {
    let s = run(initialLocal(false), { type: 'starting', pc: 'audio', mode: 'mic' });
    expect([s.audio, s.audioPhase]).toEqual(['mic', 'starting']);
    s = run(s, { type: 'answered', pc: 'audio' });
    expect([s.audio, s.audioPhase]).toEqual(['mic', 'on']);
    s = run(s, { type: 'stopped', pc: 'audio' });
    expect([s.audio, s.audioPhase]).toEqual(['none', 'off']);
  });

  test('an answer for a connection that is not starting changes nothing', () => {
    const s = initialLocal(false);
    expect(reduceLocal(s, { type: 'answered', pc: 'camera' })).toBe(s);
    expect(reduceLocal(s, { type: 'answered', pc: 'audio' })).toBe(s);
  });

  test('camera and screen are independent', () => {
    const s = run(
      initialLocal(false),
      { type: 'starting', pc: 'camera' },
      { type: 'starting', pc: 'screen' },
      { type: 'answered', pc: 'screen' },
    );
    expect([s.camera, s.screen]).toEqual(['starting', 'on']);
  });

  test('a refusal leaves the connections to the controller', () => {
    const s = run(initialLocal(false), { type: 'starting', pc: 'camera' });
    expect(reduceLocal(s, { type: 'refused' })).toBe(s);
  });
});

describe('muting follows the server', () => {
  const onMic = (muted: boolean) => run(initialLocal(muted), { type: 'starting', pc: 'audio', mode: 'mic' }, { type: 'answered', pc: 'audio' });

  test('the microphone is live only on the mic, unmuted', () => {
    expect(micLive(onMic(false))).toBe(true);
    expect(micLive(onMic(true))).toBe(false);
    expect(micLive(run(initialLocal(false), { type: 'starting', pc: 'audio', mode: 'listen' }))).toBe(false);
  });

  test('muting is immediate and survives updates the server sent before it muted', () => {
    let s = run(onMic(false), { type: 'muteRequested', muted: true });
    expect([s.muted, s.pending]).toEqual([true, 'mute']);
    s = run(s, { type: 'serverMuted', muted: false });
    expect(s.muted).toBe(true);
    s = run(s, { type: 'serverMuted', muted: true });
    expect([s.muted, s.pending]).toEqual([true, null]);
  });

  test('unmuting waits for the server', () => {
    let s = run(onMic(true), { type: 'muteRequested', muted: false });
    expect([s.muted, s.pending]).toEqual([true, 'unmute']);
    s = run(s, { type: 'serverMuted', muted: true });
    expect([s.muted, s.pending]).toEqual([true, 'unmute']);
    s = run(s, { type: 'serverMuted', muted: false });
    expect([s.muted, s.pending]).toEqual([false, null]);
  });

  test('a refused unmute stays muted and stops waiting', () => {
    const s = run(onMic(true), { type: 'muteRequested', muted: false }, { type: 'refused' });
    expect([s.muted, s.pending]).toEqual([true, null]);
  });

  test('a moderator (or mute-all) mutes us, and we follow', () => {
    const s = run(onMic(false), { type: 'serverMuted', muted: true });
    expect([s.muted, micLive(s)]).toEqual([true, false]);
  });

  test('muting when already muted waits for nothing', () => {
    const s = run(onMic(true), { type: 'muteRequested', muted: true });
    expect([s.muted, s.pending]).toEqual([true, null]);
  });

  test('mute again while an unmute is on its way wins', () => {
    let s = run(onMic(true), { type: 'muteRequested', muted: false }, { type: 'muteRequested', muted: true });
    expect(s.pending).toBe('mute');
    s = run(s, { type: 'serverMuted', muted: false });
    expect(s.muted).toBe(true);
  });

  test('leaving the audio forgets a pending request', () => {
    const s = run(onMic(true), { type: 'muteRequested', muted: false }, { type: 'stopped', pc: 'audio' });
    expect(s.pending).toBe(null);
  });
});
