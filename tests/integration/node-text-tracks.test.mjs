// Text tracks on a node, for its own copy of a recording, as a BigBlueButton
// server keeps them: putRecordingTextTrack stores the file (SRT converted to
// WebVTT) under <data>/recordings/captions/<recordID>/ with captions.json,
// getRecordingTextTracks lists it, the href plays it, and it goes with the
// recording.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import { asList, call, createMeeting, expectSuccess, nodeFixture, rawCall, uniqueId } from '../lib/api.mjs';

const spool = mkdtempSync(join(tmpdir(), 'bluemeet-node-tracks-'));
mkdirSync(join(spool, 'spool'));

const json = (r) => {
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  return JSON.parse(r.text).response;
};

function multipart(file) {
  const boundary = 'node-tracks-boundary';
  return {
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="en.srt"\r\n\r\n${file}\r\n--${boundary}--\r\n`,
  };
}

describe('text tracks of a node\'s own recordings', () => {
  after(() => rmSync(spool, { recursive: true, force: true }));
  const f = nodeFixture({ args: ['--spool', join(spool, 'spool')] });
  let recordID;

  test('a recorded meeting takes a track, lists it and plays it', async () => {
    const meetingID = uniqueId('tracks');
    recordID = (await createMeeting(f.node, { meetingID, record: 'true', autoStartRecording: 'true' })).internalMeetingID;
    await f.enter(meetingID, 'Ada', { role: 'MODERATOR' });
    expectSuccess(await call(f.node, 'end', { meetingID }));
    await eventually(async () => asList(expectSuccess(await call(f.node, 'getRecordings', { recordID })).recordings?.recording).length === 1, { timeoutMs: 20000 });
    assert.deepEqual(json(await call(f.node, 'getRecordingTextTracks', { recordID })), { returncode: 'SUCCESS', tracks: [] });

    const put = json(await rawCall(f.node, 'putRecordingTextTrack', `recordID=${recordID}&kind=captions&lang=en&label=English`,
      { method: 'POST', ...multipart('1\r\n00:00:00,500 --> 00:00:02,000\r\nHello\r\n') }));
    assert.deepEqual(put, { messageKey: 'upload_text_track_success', message: 'Text track uploaded successfully', recordId: recordID, returncode: 'SUCCESS' });
    const { tracks } = json(await call(f.node, 'getRecordingTextTracks', { recordID }));
    assert.deepEqual(tracks, [{ href: `${f.node.url}/playback/presentation/${recordID}/captions/captions_en.vtt`, kind: 'captions', label: 'English', lang: 'en', source: 'upload' }]);
    const played = await fetch(tracks[0].href);
    assert.equal(played.status, 200);
    assert.equal(await played.text(), 'WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\nHello\n');
  });

  test('unknown recordings and bad files are refused', async () => {
    const unknown = json(await rawCall(f.node, 'putRecordingTextTrack', 'recordID=nope&kind=captions&lang=en', { method: 'POST', ...multipart('WEBVTT') }));
    assert.equal(unknown.messageKey, 'noRecordings');
    const bad = json(await rawCall(f.node, 'putRecordingTextTrack', `recordID=${recordID}&kind=captions&lang=en`, { method: 'POST', ...multipart('no cues here') }));
    assert.equal(bad.messageKey, 'upload_text_track_failed');
    assert.equal(json(await call(f.node, 'getRecordingTextTracks', { recordID })).tracks.length, 1);
  });

  test('deleting the recording deletes its tracks', async () => {
    expectSuccess(await call(f.node, 'deleteRecordings', { recordID }));
    assert.equal(json(await call(f.node, 'getRecordingTextTracks', { recordID })).messageKey, 'noRecordings');
    assert.equal((await fetch(`${f.node.url}/playback/presentation/${recordID}/captions/captions_en.vtt`)).status, 404);
  });
});
