// The recording calls, answered as a BBB server without recordings answers
// them: XML for getRecordings/publish/delete/update, JSON for the text tracks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checksum } from '../lib/harness.mjs';
import { apiRequest, call, childNames, expectFailed, expectSuccess, nodeFixture, rawCall } from '../lib/api.mjs';

const jsonResponse = (r) => {
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  return JSON.parse(r.text).response;
};

// A multipart/form-data body with one text file, as putRecordingTextTrack expects.
function multipartFile(content) {
  const boundary = 'bluemeet-test-boundary';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="captions.vtt"\r\n`
    + `Content-Type: text/vtt\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body };
}

describe('recordings on a node without recordings', () => {
  const f = nodeFixture();

  test('getRecordings answers an empty <recordings> with noRecordings, whatever the filters', async () => {
    for (const params of [{}, { meetingID: 'a,b' }, { recordID: 'abc' }, { state: 'any' }, { 'meta_bbb-origin': 'x' }, { offset: '0', limit: '5' }]) {
      const r = await call(f.node, 'getRecordings', params);
      assert.deepEqual(childNames(r.text), ['returncode', 'recordings', 'messageKey', 'message']);
      const ok = expectSuccess(r, 'noRecordings');
      assert.equal(ok.recordings, '');
      assert.equal(ok.message, 'There are no recordings for the meeting(s).');
    }
    expectSuccess(await call(f.node, 'getRecordings', { meetingID: 'x' }, { method: 'POST' }), 'noRecordings');
  });

  test('publishRecordings needs recordID and publish, and answers notFound for unknown recordings', async () => {
    expectFailed(await call(f.node, 'publishRecordings', { publish: 'true' }), 'missingParamRecordID');
    expectFailed(await call(f.node, 'publishRecordings', { recordID: 'r1' }), 'missingParamPublish');
    const nf = expectFailed(await call(f.node, 'publishRecordings', { recordID: 'r1,r2', publish: 'false' }), 'notFound');
    assert.equal(nf.message, 'We could not find recordings');
  });

  test('deleteRecordings and updateRecordings need recordID and answer notFound for unknown recordings', async () => {
    for (const name of ['deleteRecordings', 'updateRecordings']) {
      expectFailed(await call(f.node, name, {}), 'missingParamRecordID');
      expectFailed(await call(f.node, name, { recordID: 'r1', 'meta_x': 'y' }), 'notFound');
    }
    expectFailed(await call(f.node, 'updateRecordings', { recordID: 'r1' }, { method: 'POST' }), 'notFound');
  });

  test('getRecordingTextTracks answers JSON noRecordings for an unknown recording', async () => {
    const r = jsonResponse(await call(f.node, 'getRecordingTextTracks', { recordID: 'unknown-rec' }));
    assert.equal(r.returncode, 'FAILED');
    assert.equal(r.messageKey, 'noRecordings');
  });

  test('putRecordingTextTrack without a checksum answers JSON paramError', async () => {
    const r = jsonResponse(await apiRequest(f.node, 'putRecordingTextTrack', {
      method: 'POST', query: 'recordID=r1&kind=subtitles&lang=en', ...multipartFile('WEBVTT'),
    }));
    assert.deepEqual(r, { messageKey: 'paramError', message: 'Missing param checksum.', returncode: 'FAILED' });
  });

  test('putRecordingTextTrack rejects a bad kind with invalidKind and a bad lang with invalidLang (JSON)', async () => {
    const put = async (query) => jsonResponse(await rawCall(f.node, 'putRecordingTextTrack', query, { method: 'POST', ...multipartFile('WEBVTT') }));
    const kind = await put('recordID=r1&kind=karaoke&lang=en');
    assert.equal(kind.returncode, 'FAILED');
    assert.equal(kind.messageKey, 'invalidKind');
    const lang = await put('recordID=r1&kind=captions&lang=not%20a%20language');
    assert.equal(lang.returncode, 'FAILED');
    assert.equal(lang.messageKey, 'invalidLang');
  });

  test('a wrong checksum on the JSON calls answers JSON checksumError', async () => {
    const q = 'recordID=r1';
    const r = jsonResponse(await apiRequest(f.node, 'getRecordingTextTracks', { query: `${q}&checksum=${checksum('getRecordingTextTracks', q, 'wrong')}` }));
    assert.equal(r.returncode, 'FAILED');
    assert.equal(r.messageKey, 'checksumError');
  });
});
