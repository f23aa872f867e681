import { describe, expect, test } from 'vitest';
import { Pacer, laneOf } from './pacing';

const pacer = () => new Pacer<string>({ general: 12, candidates: 40 });

describe('outgoing pacing', () => {
  test('candidates have their own allowance, larger than the rest', () => {
    const p = pacer();
    for (let i = 0; i < 45; i++) p.push('candidates', `c${i}`);
    expect(p.take(0)).toHaveLength(40);
    expect(p.waitMs(0)).toBe(1000);
    expect(p.take(999)).toEqual([]);
    expect(p.take(1000)).toEqual(['c40', 'c41', 'c42', 'c43', 'c44']);
    expect(p.waitMs(1000)).toBeNull();
  });

  test('candidates do not use up the allowance of other messages', () => {
    const p = pacer();
    for (let i = 0; i < 30; i++) p.push('candidates', `c${i}`);
    for (let i = 0; i < 12; i++) p.push('general', `g${i}`);
    expect(p.take(0)).toHaveLength(42);
    p.push('general', 'late');
    expect(p.take(500)).toEqual([]);
    expect(p.waitMs(500)).toBe(500);
  });

  test('the order is kept: nothing overtakes a message that must wait', () => {
    const p = new Pacer<string>({ general: 1, candidates: 40 });
    p.push('general', 'offer1');
    p.push('general', 'offer2');
    p.push('candidates', 'c-of-offer2');
    expect(p.take(0)).toEqual(['offer1']);
    expect(p.take(10)).toEqual([]);
    expect(p.take(1000)).toEqual(['offer2', 'c-of-offer2']);
  });

  test('the window slides', () => {
    const p = new Pacer<string>({ general: 2, candidates: 2 });
    p.push('general', 'a');
    expect(p.take(0)).toEqual(['a']);
    p.push('general', 'b');
    expect(p.take(600)).toEqual(['b']);
    p.push('general', 'c');
    expect(p.take(900)).toEqual([]);
    expect(p.waitMs(900)).toBe(100);
    expect(p.take(1000)).toEqual(['c']);
  });

  test('clear drops what waits', () => {
    const p = new Pacer<string>({ general: 1, candidates: 1 });
    p.push('general', 'a');
    p.push('general', 'b');
    p.take(0);
    p.clear();
    expect(p.size).toBe(0);
    expect(p.waitMs(0)).toBeNull();
  });

  test('lanes by message type', () => {
    expect(laneOf({ type: 'mediaCandidate' })).toBe('candidates');
    expect(laneOf({ type: 'mediaPublish' })).toBe('general');
    expect(laneOf({ type: 'chatSend' })).toBe('general');
  });
});
