import { describe, expect, test } from 'vitest';
import { groupTracks, parseStreams, sameTracks } from './streams';

describe('parseStreams', () => {
  test('keeps well-formed entries and drops the rest', () => {
    const raw = [
      { mid: '0', userId: 'w_a', source: 'camera', kind: 'video' },
      { mid: '1', userId: 'w_b', source: 'screen', kind: 'video' },
      { mid: '2', userId: 'w_c', source: 'microphone', kind: 'audio' },
      { mid: '', userId: 'w_d', source: 'camera', kind: 'video' },
      { mid: '3', userId: '', source: 'camera', kind: 'video' },
      { mid: '4', userId: 'w_e', source: 'camera', kind: 'data' },
      { mid: 5, userId: 'w_f', source: 'camera', kind: 'video' },
      null,
      'x',
    ];
    expect(parseStreams(raw)).toEqual([
      { mid: '0', userId: 'w_a', source: 'camera', kind: 'video' },
      { mid: '1', userId: 'w_b', source: 'screen', kind: 'video' },
    ]);
  });

  test('a mid named twice keeps its first owner', () => {
    const raw = [
      { mid: '0', userId: 'w_a', source: 'camera', kind: 'video' },
      { mid: '0', userId: 'w_b', source: 'camera', kind: 'video' },
    ];
    expect(parseStreams(raw).map((s) => s.userId)).toEqual(['w_a']);
  });

  test('anything but an array is no streams', () => {
    expect(parseStreams(undefined)).toEqual([]);
    expect(parseStreams({ mid: '0' })).toEqual([]);
  });
});

describe('groupTracks', () => {
  const streams = parseStreams([
    { mid: 'a0', userId: 'w_ann', source: 'camera', kind: 'video' },
    { mid: 'b0', userId: 'w_bob', source: 'camera', kind: 'video' },
    { mid: 'b1', userId: 'w_bob', source: 'screen', kind: 'video' },
    { mid: 'b2', userId: 'w_bob', source: 'screen', kind: 'audio' },
    { mid: 'c0', userId: 'w_cat', source: 'camera', kind: 'video' },
  ]);

  test('maps each mid to its owner and source, screen shares first', () => {
    const tracks: Record<string, string> = { a0: 'T-a0', b0: 'T-b0', b1: 'T-b1', b2: 'T-b2', c0: 'T-c0' };
    const groups = groupTracks(streams, (mid) => tracks[mid]);
    expect(groups).toEqual([
      { key: 'screen:w_bob', userId: 'w_bob', source: 'screen', tracks: ['T-b1', 'T-b2'] },
      { key: 'camera:w_ann', userId: 'w_ann', source: 'camera', tracks: ['T-a0'] },
      { key: 'camera:w_bob', userId: 'w_bob', source: 'camera', tracks: ['T-b0'] },
      { key: 'camera:w_cat', userId: 'w_cat', source: 'camera', tracks: ['T-c0'] },
    ]);
  });

  test('skips mids without a track, and owners left with none', () => {
    const tracks: Record<string, string> = { a0: 'T-a0', b2: 'T-b2' };
    const groups = groupTracks(streams, (mid) => tracks[mid]);
    expect(groups.map((g) => [g.key, g.tracks])).toEqual([
      ['screen:w_bob', ['T-b2']],
      ['camera:w_ann', ['T-a0']],
    ]);
  });

  test('tracks the offer does not describe are not shown', () => {
    const groups = groupTracks(streams.slice(0, 1), () => 'T');
    expect(groups.map((g) => g.key)).toEqual(['camera:w_ann']);
  });
});

describe('sameTracks', () => {
  test('compares by identity and order', () => {
    const a = {};
    const b = {};
    expect(sameTracks([a, b], [a, b])).toBe(true);
    expect(sameTracks([a, b], [b, a])).toBe(false);
    expect(sameTracks([a], [a, b])).toBe(false);
    expect(sameTracks([], [])).toBe(true);
  });
});
