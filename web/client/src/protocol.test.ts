import { describe, expect, test } from 'vitest';
import { isKnownServerMessage, isMediaServerMessage, parseServerMessage } from './protocol';

describe('media messages from the server', () => {
  test('are recognised with the fields the media code relies on', () => {
    expect(isMediaServerMessage({ type: 'mediaAnswer', pc: 'audio', sdp: 'v=0' } as never)).toBe(true);
    expect(isMediaServerMessage({ type: 'mediaOffer', pc: 'subscriber', sdp: 'v=0', streams: [] } as never)).toBe(true);
    expect(isMediaServerMessage({ type: 'mediaCandidate', pc: 'camera', candidate: null } as never)).toBe(true);
    expect(isMediaServerMessage({ type: 'mediaCandidate', pc: 'camera', candidate: { candidate: 'x' } } as never)).toBe(true);
    expect(isMediaServerMessage({ type: 'mediaStopped', pc: 'screen', reason: 'revoked' } as never)).toBe(true);
  });

  test('malformed ones are dropped', () => {
    expect(isMediaServerMessage({ type: 'mediaAnswer', pc: 'audio' } as never)).toBe(false);
    expect(isMediaServerMessage({ type: 'mediaAnswer', pc: 'janus', sdp: 'v=0' } as never)).toBe(false);
    expect(isMediaServerMessage({ type: 'mediaOffer', pc: 'subscriber', sdp: 'v=0' } as never)).toBe(false);
    expect(isMediaServerMessage({ type: 'mediaCandidate', pc: 'audio', candidate: 'x' } as never)).toBe(false);
    expect(isMediaServerMessage({ type: 'chat' })).toBe(false);
  });

  test('pass through the parser but not the UI reducer', () => {
    const m = parseServerMessage('{"type":"mediaStopped","pc":"camera","reason":"failed"}');
    expect(m).not.toBeNull();
    expect(isKnownServerMessage(m!)).toBe(false);
  });
});
