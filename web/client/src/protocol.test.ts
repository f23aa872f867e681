import { describe, expect, test } from 'vitest';
import { MAX_FRAME_BYTES, errorPc, isKnownServerMessage, isMediaServerMessage, parseServerMessage } from './protocol';

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

describe('refusals and mute-all', () => {
  test('an error names the refused connection in `pc`', () => {
    expect(errorPc({ type: 'error', pc: 'camera' })).toBe('camera');
    expect(errorPc({ type: 'error', pc: 'subscriber' })).toBe('subscriber');
    // A mute refusal or a non-media error names none.
    expect(errorPc({ type: 'error', pc: '' })).toBeNull();
    expect(errorPc({ type: 'error' })).toBeNull();
    expect(errorPc({ type: 'error', pc: 'janus' })).toBeNull();
    expect(errorPc({ type: 'mediaStopped', pc: 'audio' })).toBeNull();
  });

  test('mediaMutedAll reaches the UI reducer', () => {
    expect(isKnownServerMessage(parseServerMessage('{"type":"mediaMutedAll","muted":true}')!)).toBe(true);
  });

  test('frames may be up to 256 KiB', () => {
    expect(MAX_FRAME_BYTES).toBe(256 * 1024);
  });
});
